import { describe, expect, it, vi } from 'vitest'
import type { HttpInteraction } from '../model/index.js'
import type { ProbeExchange } from '../probes/index.js'
import type { RunDeps } from '../runs/index.js'
import { confirmFailures } from './confirm-failures.js'

const interaction = (path: string): HttpInteraction => ({
  type: 'Synchronous/HTTP',
  description: path,
  request: { method: 'GET', path },
  response: { status: 200 },
})
const answer = (status: number): ProbeExchange => ({
  outcome: 'response',
  status,
  headers: {},
  bodyText: '',
  bodyEncoding: 'utf8',
  bodyBytes: 0,
  url: 'u',
  redirects: 0,
  attempts: 1,
  durationMs: 1,
})

/** A replay whose upstream answers each path from a queue of statuses. */
function scriptedReplay(
  script: Record<string, number[]>,
): RunDeps['replay'] & { calls: string[][] } {
  const calls: string[][] = []
  const replay = async (
    interactions: readonly HttpInteraction[],
    onExchange?: (i: number, e: ProbeExchange) => void,
  ) => {
    calls.push(interactions.map((i) => i.request.path))
    interactions.forEach((i, index) =>
      onExchange?.(index, answer(script[i.request.path]!.shift()!)),
    )
  }
  return Object.assign(replay, { calls })
}

const fails = (_i: HttpInteraction, e: ProbeExchange) =>
  e.outcome === 'response' && e.status !== 200

describe('confirmFailures', () => {
  it('re-probes only the failed probe, after the delay, and keeps the passing second answer', async () => {
    const replay = scriptedReplay({ '/a': [200], '/b': [500, 200] })
    const sleep = vi.fn(async () => {})
    const seen: [number, number][] = []
    await confirmFailures(replay, { confirm: 1, delayMs: 1500, sleep, fails })(
      [interaction('/a'), interaction('/b')],
      (i, e) => seen.push([i, e.outcome === 'response' ? e.status : 0]),
    )
    expect(replay.calls).toEqual([['/a', '/b'], ['/b']])
    expect(sleep).toHaveBeenCalledWith(1500)
    expect(seen).toEqual([
      [0, 200],
      [1, 200],
    ])
  })

  it('counts a failure that happens again on every re-probe', async () => {
    const replay = scriptedReplay({ '/b': [500, 500, 502] })
    const seen: ProbeExchange[] = []
    await confirmFailures(replay, { confirm: 2, delayMs: 10, sleep: async () => {}, fails })(
      [interaction('/b')],
      (_i, e) => seen.push(e),
    )
    expect(replay.calls).toHaveLength(3)
    expect(seen).toEqual([expect.objectContaining({ status: 502 })])
  })

  it('replays once when confirm is 0', async () => {
    const replay = scriptedReplay({ '/b': [500] })
    await confirmFailures(replay, { confirm: 0, delayMs: 10, sleep: async () => {}, fails })([
      interaction('/b'),
    ])
    expect(replay.calls).toHaveLength(1)
  })
})
