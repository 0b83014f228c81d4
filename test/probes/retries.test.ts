import { expect, it } from 'vitest'
import type { ProbeClient, ProbeClientOptions } from '../../src/probes/index.js'
import { interaction, probeSettings, recordingSleep } from '../support/probe-fixtures.js'
import { useProbeSuite } from '../support/probe-suite.js'

const { upstream, openClient } = useProbeSuite()

/** Answers each request with the next of `responses`, the last one from then on. */
function answerInTurn(
  ...responses: { status: number; headers?: Record<string, string>; body?: string }[]
): void {
  let turn = 0
  upstream.handle = (_req, res) => {
    const next = responses[Math.min(turn++, responses.length - 1)]!
    res.writeHead(next.status, next.headers).end(next.body ?? '')
  }
}

function startClient(overrides: Partial<ProbeClientOptions> = {}): ProbeClient {
  return openClient({
    settings: probeSettings({ retries: 2 }),
    random: () => 0.5,
    ...overrides,
  })
}

it('passes on the second try given 500 then 200, and says it took 2 attempts', async () => {
  answerInTurn(
    { status: 500 },
    { status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":1}' },
  )
  const { sleep, waits } = recordingSleep()

  const exchange = await startClient({ sleep }).replay(interaction({ path: '/posts/1' }))

  expect(exchange).toMatchObject({
    outcome: 'response',
    status: 200,
    bodyText: '{"id":1}',
    attempts: 2,
  })
  expect(waits).toEqual([125])
  expect(upstream.seen).toHaveLength(2)
})

it('waits the Retry-After seconds given 429 then 200', async () => {
  answerInTurn({ status: 429, headers: { 'retry-after': '1' } }, { status: 200, body: 'ok' })
  const { sleep, waits } = recordingSleep()

  const exchange = await startClient({ sleep }).replay(interaction({ path: '/posts' }))

  expect(exchange).toMatchObject({ outcome: 'response', status: 200, attempts: 2 })
  expect(waits).toEqual([1000])
})

it('waits until the Retry-After date, measured on the injected clock', async () => {
  const now = Date.parse('2026-11-25T08:00:00Z')
  answerInTurn(
    { status: 503, headers: { 'retry-after': 'Wed, 25 Nov 2026 08:00:07 GMT' } },
    { status: 200 },
  )
  const { sleep, waits } = recordingSleep()

  await startClient({ sleep, clock: { now: () => now } }).replay(interaction({ path: '/posts' }))

  expect(waits).toEqual([7000])
})

it('caps a long Retry-After so one header cannot stall the run', async () => {
  answerInTurn({ status: 429, headers: { 'retry-after': '86400' } }, { status: 200 })
  const { sleep, waits } = recordingSleep()

  await startClient({ sleep, retryDelay: { retryAfterCapMs: 5000 } }).replay(
    interaction({ path: '/posts' }),
  )

  expect(waits).toEqual([5000])
})

it('reports unreachable (server-error) with the status given 5xx on every try', async () => {
  answerInTurn({ status: 502 })

  const exchange = await startClient({ sleep: recordingSleep().sleep }).replay(
    interaction({ path: '/posts' }),
  )

  expect(exchange).toMatchObject({
    outcome: 'unreachable',
    reason: 'server-error',
    status: 502,
    attempts: 3,
  })
  expect(upstream.seen).toHaveLength(3)
})

it('reports unreachable (rate-limited) given 429 on every try', async () => {
  answerInTurn({ status: 429, headers: { 'retry-after': '2' } })
  const { sleep, waits } = recordingSleep()

  const exchange = await startClient({ sleep }).replay(interaction({ path: '/posts' }))

  expect(exchange).toMatchObject({
    outcome: 'unreachable',
    reason: 'rate-limited',
    status: 429,
    attempts: 3,
  })
  expect(waits).toEqual([2000, 2000])
})

it('does not retry a 4xx other than 429', async () => {
  answerInTurn({ status: 404 }, { status: 200 })

  const exchange = await startClient({ sleep: recordingSleep().sleep }).replay(
    interaction({ path: '/posts/9' }),
  )

  expect(exchange).toMatchObject({ outcome: 'response', status: 404, attempts: 1 })
})

it('does not send an allowed POST again after a 500, since the upstream may have acted on it', async () => {
  answerInTurn({ status: 500 }, { status: 201, body: '{}' })
  const { sleep } = recordingSleep()
  const exchange = await startClient({
    sleep,
    settings: probeSettings({ retries: 2, allowUnsafe: true }),
  }).replay(interaction({ method: 'POST', path: '/posts' }))
  expect(exchange).toMatchObject({ outcome: 'unreachable', reason: 'server-error', attempts: 1 })
  expect(upstream.seen).toHaveLength(1)
})

it('sends an allowed POST again after a 503 or 429, which say the upstream did not act on it', async () => {
  answerInTurn({ status: 503 }, { status: 429 }, { status: 201, body: '{}' })
  const { sleep } = recordingSleep()
  const exchange = await startClient({
    sleep,
    settings: probeSettings({ retries: 2, allowUnsafe: true }),
  }).replay(interaction({ method: 'POST', path: '/posts' }))
  expect(exchange).toMatchObject({ outcome: 'response', status: 201, attempts: 3 })
})
