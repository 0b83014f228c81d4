import type { AlertSettings, Contract, Run } from '../../src/model/index.js'
import { idBecameString } from './sample-finding.js'

/** A contract's alert settings: upcheck's defaults, no e-mail, and what `overrides` names. */
export function sampleAlerts(overrides: Partial<AlertSettings> = {}): AlertSettings {
  return {
    email: [],
    unreachableAfter: 3,
    remindEveryMs: 86_400_000,
    sunsetNoticeMs: 30 * 86_400_000,
    ...overrides,
  }
}

export function sampleContract(overrides: Partial<Contract> = {}): Contract {
  return {
    name: 'posts-api',
    owner: 'Ann Lee <ann@example.com>',
    upstream: { baseUrl: 'http://127.0.0.1:9', headers: {} },
    interactionsFile: '/nowhere/posts-api.pact.json',
    freshnessMs: 3_600_000,
    freshness: '1h',
    alerts: sampleAlerts(),
    probe: {
      timeoutMs: 1000,
      retries: 0,
      concurrency: 1,
      ratePerSecond: 10,
      allowUnsafe: false,
      confirm: 0,
      maxBodyBytes: 1024,
    },
    redact: [],
    file: '/nowhere/posts-api.yaml',
    ...overrides,
  }
}

export function sampleRun(
  id: string,
  status: Run['status'],
  finishedAt: string,
  contract = 'posts-api',
): Run {
  const failed = status === 'broken'
  return {
    id,
    contract,
    status,
    startedAt: finishedAt,
    finishedAt,
    counts: {
      total: 1,
      passed: failed ? 0 : 1,
      failed: failed ? 1 : 0,
      skipped: 0,
      unreachable: 0,
    },
    probes: [],
    findings: failed ? [idBecameString('GET /posts/1: $.id: expected a number, got a string')] : [],
  }
}

/** A clock a test moves by hand. */
export function manualClock(start: string) {
  let now = Date.parse(start)
  return {
    now: () => now,
    advance: (ms: number) => (now += ms),
    iso: () => new Date(now).toISOString(),
  }
}
