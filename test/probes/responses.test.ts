import { beforeAll, expect, it } from 'vitest'
import type { ProbeClient } from '../../src/probes/index.js'
import { interaction, probeSettings } from '../support/probe-fixtures.js'
import { useProbeSuite } from '../support/probe-suite.js'

const { upstream, openClient } = useProbeSuite()
let client: ProbeClient

beforeAll(() => {
  client = openClient({ settings: probeSettings({ retries: 2 }) })
})

it('returns a response given invalid JSON, leaving the judgement to matching', async () => {
  upstream.handle = (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id": 1,')

  const exchange = await client.replay(interaction({ path: '/posts/1' }))

  expect(exchange).toMatchObject({
    outcome: 'response',
    status: 200,
    bodyText: '{"id": 1,',
    bodyEncoding: 'utf8',
    bodyBytes: 9,
    attempts: 1,
  })
})

it('returns a response given 401, leaving the verdict to the verdict layer', async () => {
  upstream.handle = (_req, res) =>
    res.writeHead(401, { 'www-authenticate': 'Bearer' }).end('{"error":"unauthorized"}')

  const exchange = await client.replay(interaction({ path: '/me' }))

  expect(exchange).toMatchObject({
    outcome: 'response',
    status: 401,
    headers: { 'www-authenticate': 'Bearer' },
    attempts: 1,
  })
})

it('carries a binary body as base64 and counts its bytes', async () => {
  const bytes = Buffer.from([0, 1, 2, 250, 255])
  upstream.handle = (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(bytes)

  const exchange = await client.replay(interaction({ path: '/logo.png' }))

  expect(exchange).toMatchObject({
    outcome: 'response',
    bodyText: bytes.toString('base64'),
    bodyEncoding: 'base64',
    bodyBytes: 5,
  })
})

it('keeps repeated response headers as arrays', async () => {
  upstream.handle = (_req, res) =>
    res
      .writeHead(200, [
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
      ])
      .end()

  const exchange = await client.replay(interaction({ path: '/' }))

  expect(exchange.outcome === 'response' && exchange.headers['set-cookie']).toEqual(['a=1', 'b=2'])
})

it('returns a HEAD response without a body', async () => {
  upstream.handle = (_req, res) => res.writeHead(200, { 'content-length': '123456789' }).end()

  const exchange = await client.replay(interaction({ method: 'HEAD', path: '/big' }))

  expect(exchange).toMatchObject({ outcome: 'response', status: 200, bodyBytes: 0 })
})
