import type { HttpInteraction, HttpRequest, ProbeSettings } from '../../src/model/index.js'

/** Fast settings for tests: short deadline, no retries, no rate limit unless a test sets them. */
export function probeSettings(overrides: Partial<ProbeSettings> = {}): ProbeSettings {
  return {
    timeoutMs: 2000,
    retries: 0,
    concurrency: 4,
    ratePerSecond: Infinity,
    allowUnsafe: false,
    confirm: 1,
    maxBodyBytes: 10 * 1024 * 1024,
    ...overrides,
  }
}

export function interaction(
  request: Partial<HttpRequest> & { path: string },
  description = `${request.method ?? 'GET'} ${request.path}`,
): HttpInteraction {
  return {
    type: 'Synchronous/HTTP',
    description,
    request: { method: 'GET', ...request },
    response: { status: 200 },
  }
}

/** A sleep that records what it was asked to wait and returns at once. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = []
  return { waits, sleep: async (ms) => void waits.push(ms) }
}
