import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  createProbeClient,
  replayInteractions,
  type ProbeClient,
  type ReplayedInteraction,
} from '../../src/probes/index.js'
import { interaction, probeSettings } from './support/fixtures.js'
import { startLocalUpstream, type LocalUpstream } from './support/local-upstream.js'

let upstream: LocalUpstream
let client: ProbeClient

beforeAll(async () => {
  // @note The upstream holds requests until four are in (or all seven that are sent), then
  // answers them last first, so completion order differs from input order.
  const held: (() => void)[] = []
  let received = 0
  upstream = await startLocalUpstream((req, res) => {
    received++
    held.push(() => res.end(req.url?.split('/').pop()))
    if (held.length === 4 || received === 7) for (const answer of held.splice(0).reverse()) answer()
  })
  client = createProbeClient({
    upstream: { baseUrl: upstream.origin, headers: {}, secrets: [] },
    settings: probeSettings({ concurrency: 4 }),
  })
})
afterAll(async () => {
  await client.close()
  await upstream.close()
})

it('yields results in input order while reporting each as it finishes', async () => {
  const interactions = Array.from({ length: 8 }, (_, i) =>
    i === 3
      ? interaction({ method: 'POST', path: `/items/${i}` })
      : interaction({ path: `/items/${i}` }),
  )
  const finished: number[] = []
  const yielded: ReplayedInteraction[] = []

  for await (const replayed of replayInteractions(client, interactions, {
    onExchange: (r) => finished.push(r.index),
  })) {
    yielded.push(replayed)
  }

  expect(yielded.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
  expect(
    yielded.map((r) =>
      r.exchange.outcome === 'response' ? r.exchange.bodyText : r.exchange.outcome,
    ),
  ).toEqual(['0', '1', '2', 'skipped', '4', '5', '6', '7'])
  expect(yielded[5]?.interaction).toBe(interactions[5])
  expect(finished).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7])
  expect([...finished].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
})

it('stops starting probes when the consumer stops early', async () => {
  const fresh = await startLocalUpstream()
  const own = createProbeClient({
    upstream: { baseUrl: fresh.origin, headers: {}, secrets: [] },
    settings: probeSettings({ concurrency: 1 }),
  })
  const interactions = Array.from({ length: 50 }, (_, i) => interaction({ path: `/items/${i}` }))

  for await (const replayed of replayInteractions(own, interactions)) {
    expect(replayed.index).toBe(0)
    break
  }
  await own.close()
  await fresh.close()

  expect(fresh.seen.length).toBeLessThanOrEqual(3)
})
