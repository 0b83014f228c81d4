import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import { beforeAll, expect, it } from 'vitest'
import type { ProbeClient } from '../../src/probes/index.js'
import { interaction, probeSettings } from '../support/probe-fixtures.js'
import { useProbeSuite } from '../support/probe-suite.js'

const CAP = 1024 * 1024
const json = JSON.stringify({ id: 1, title: 'hello', tags: ['a', 'b'] })

const { upstream, openClient } = useProbeSuite()
let client: ProbeClient

beforeAll(() => {
  client = openClient({ settings: probeSettings({ maxBodyBytes: CAP }) })
})

function serveEncoded(coding: string, body: Buffer) {
  upstream.handle = (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding }).end(body)
}

it.each([
  ['gzip', gzipSync(json)],
  ['br', brotliCompressSync(json)],
  ['deflate', deflateSync(json)],
  ['deflate', deflateRawSync(json)],
  ['identity', Buffer.from(json)],
])('decodes a %s answer sent although the probe asked for no encoding', async (coding, encoded) => {
  let acceptEncoding: string | undefined
  upstream.handle = (req, res) => {
    acceptEncoding = req.headers['accept-encoding']
    res
      .writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding })
      .end(encoded)
  }

  const exchange = await client.replay(interaction({ path: '/posts/1' }))

  expect(acceptEncoding).toBeUndefined()
  expect(exchange).toMatchObject({
    outcome: 'response',
    status: 200,
    bodyText: json,
    bodyEncoding: 'utf8',
    bodyBytes: json.length,
  })
})

it('undoes stacked codings last applied first', async () => {
  serveEncoded('deflate, gzip', gzipSync(deflateSync(json)))

  const exchange = await client.replay(interaction({ path: '/posts/1' }))

  expect(exchange).toMatchObject({ outcome: 'response', bodyText: json })
})

it('stops a gzip bomb at the body cap instead of inflating it', async () => {
  // @note gzip members may be concatenated: 100 copies of a 16 MB zero member inflate to
  // 1.6 GB from about 1.6 MB on the wire, under the cap on the wire and far over it decoded.
  const member = gzipSync(Buffer.alloc(16 * 1024 * 1024))
  const bomb = Buffer.concat(Array.from({ length: 100 }, () => member))
  const client = openClient({ settings: probeSettings({ maxBodyBytes: 4 * CAP }) })
  serveEncoded('gzip', bomb)
  const before = process.memoryUsage().rss

  const exchange = await client.replay(interaction({ path: '/bomb' }))

  expect(bomb.length).toBeLessThan(4 * CAP)
  expect(exchange).toMatchObject({ outcome: 'body-too-large', status: 200, limitBytes: 4 * CAP })
  expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024)
})

it('gives no verdict, and says why, on a body that does not decode', async () => {
  serveEncoded('gzip', Buffer.from('this is not gzip'))

  const exchange = await client.replay(interaction({ path: '/posts/1' }))

  expect(exchange).toMatchObject({ outcome: 'unreachable', reason: 'network' })
  expect(exchange.outcome === 'unreachable' && exchange.detail).toMatch(
    /gzip body could not be decoded/,
  )
})

it('gives no verdict on a coding it cannot decode, naming it', async () => {
  serveEncoded('zstd', Buffer.from('whatever'))

  const exchange = await client.replay(interaction({ path: '/posts/1' }))

  expect(exchange).toMatchObject({ outcome: 'unreachable', reason: 'network' })
  expect(exchange.outcome === 'unreachable' && exchange.detail).toMatch(/encoded with zstd/)
})
