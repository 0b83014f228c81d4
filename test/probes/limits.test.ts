import type { ServerResponse } from 'node:http'
import { Pool, type Dispatcher } from 'undici'
import { expect, it } from 'vitest'
import type { ProbeClient } from '../../src/probes/index.js'
import type { HttpInteraction } from '../../src/model/index.js'
import { startLocalUpstream } from '../support/local-upstream.js'
import { interaction, probeSettings, recordingSleep } from '../support/probe-fixtures.js'
import { useProbeSuite } from '../support/probe-suite.js'

const { upstream, openClient } = useProbeSuite()

const many = (count: number) =>
  Array.from({ length: count }, (_, i) => interaction({ path: `/items/${i}` }))

/** Asks for every probe at once: whatever its callers do, the client alone holds its limits. */
const replayAll = (c: ProbeClient, interactions: HttpInteraction[]) =>
  Promise.all(interactions.map((i) => c.replay(i)))

/**
 * A pool with no connection limit of its own, so the ceiling seen is the client's, and a
 * count of requests dispatched and not yet finished, taken on the client side: there a
 * request over the ceiling shows the moment it is sent, before any upstream I/O.
 */
function countingPool(origin: string): {
  pool: Pool
  dispatcher: Dispatcher
  maxInFlight: () => number
} {
  const pool = new Pool(origin)
  let inFlight = 0
  let max = 0
  const dispatcher = pool.compose((dispatch) => (opts, handler) => {
    max = Math.max(max, ++inFlight)
    const done = () => void inFlight--
    return dispatch(opts, {
      onRequestStart: (c, ctx) => handler.onRequestStart?.(c, ctx),
      onResponseStart: (c, status, headers, message) =>
        handler.onResponseStart?.(c, status, headers, message),
      onResponseData: (c, chunk) => handler.onResponseData?.(c, chunk),
      onResponseEnd: (c, trailers) => (done(), handler.onResponseEnd?.(c, trailers)),
      onResponseError: (c, error) => (done(), handler.onResponseError?.(c, error)),
    })
  })
  return { pool, dispatcher, maxInFlight: () => max }
}

it('keeps at most `concurrency` requests in flight, and reaches that ceiling', async () => {
  const concurrency = 3
  const total = 12
  const held: ServerResponse[] = []
  let received = 0
  // @note The upstream answers only once `concurrency` requests wait (or all have come), so
  // the ceiling is reached, and a client that cannot reach it never finishes.
  upstream.handle = (_req, res) => {
    received++
    held.push(res)
    if (held.length >= concurrency || received === total)
      for (const r of held.splice(0)) r.end('ok')
  }
  const counting = countingPool(upstream.origin)
  const client = openClient({
    settings: probeSettings({ concurrency }),
    dispatcher: counting.dispatcher,
  })

  const exchanges = await replayAll(client, many(total))
  await counting.pool.close()

  expect(exchanges.every((e) => e.outcome === 'response')).toBe(true)
  expect(counting.maxInFlight()).toBe(concurrency)
})

it('holds to the ceiling when more callers replay at once than it allows', async () => {
  upstream.handle = (_req, res) => res.end('ok')
  const counting = countingPool(upstream.origin)
  const client = openClient({
    settings: probeSettings({ concurrency: 2 }),
    dispatcher: counting.dispatcher,
  })
  const c = client

  await Promise.all(many(10).map((i) => c.replay(i)))
  await counting.pool.close()

  expect(counting.maxInFlight()).toBe(2)
  expect(upstream.seen).toHaveLength(10)
})

it('spaces requests by the rate limit: the waits it asks for follow 1000/ratePerSecond', async () => {
  const { sleep, waits } = recordingSleep()
  const client = openClient({
    settings: probeSettings({ ratePerSecond: 20, concurrency: 4 }),
    // @note A clock that stands still: every request is asked for at t=0, so the waits are its slots.
    clock: { now: () => 0 },
    sleep,
  })

  await replayAll(client, many(10))

  expect(waits.sort((a, b) => a - b)).toEqual([50, 100, 150, 200, 250, 300, 350, 400, 450])
  expect(upstream.seen).toHaveLength(10)
})

it('counts every redirect hop and retry against the rate limit', async () => {
  const { sleep, waits } = recordingSleep()
  let calls = 0
  upstream.handle = (req, res) => {
    calls++
    if (req.url === '/a') res.writeHead(302, { location: '/b' }).end()
    else if (calls === 2) res.writeHead(503).end()
    else res.end('ok')
  }
  const client = openClient({
    settings: probeSettings({ ratePerSecond: 10, retries: 1 }),
    clock: { now: () => 0 },
    sleep,
    random: () => 0,
  })

  const exchange = await client.replay(interaction({ path: '/a' }))

  expect(exchange).toMatchObject({ outcome: 'response', attempts: 2, redirects: 1 })
  expect(waits).toEqual([100, 200, 300])
})

it('reuses keep-alive connections: the upstream sees fewer sockets than requests', async () => {
  const fresh = await startLocalUpstream()
  const client = openClient({
    upstream: { baseUrl: fresh.origin, headers: {}, secrets: [] },
    settings: probeSettings({ concurrency: 2 }),
  })
  try {
    await replayAll(client, many(20))

    expect(fresh.seen).toHaveLength(20)
    expect(fresh.connections).toBeLessThanOrEqual(2)
  } finally {
    await fresh.close()
  }
})
