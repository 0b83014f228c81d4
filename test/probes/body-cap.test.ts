import type { ServerResponse } from 'node:http'
import { expect, it } from 'vitest'
import { interaction, probeSettings } from '../support/probe-fixtures.js'
import { useProbeSuite } from '../support/probe-suite.js'

const MB = 1024 * 1024
const CHUNK = Buffer.alloc(64 * 1024, 'a')

const { upstream, openClient } = useProbeSuite()

/**
 * Streams `total` bytes, honouring backpressure. Resolves with how many were written when
 * the response ends or the client goes away.
 */
function streamBytes(
  res: ServerResponse,
  total: number,
): Promise<{ written: number; finished: boolean }> {
  return new Promise((resolve) => {
    let written = 0
    res.on('close', () => resolve({ written, finished: res.writableFinished }))
    const pump = (): void => {
      while (written < total && !res.destroyed) {
        written += CHUNK.length
        if (!res.write(CHUNK)) return void res.once('drain', pump)
      }
      if (written >= total) res.end()
    }
    pump()
  })
}

it('stops reading a 50 MB body at the 10 MB cap and closes the connection', async () => {
  let served!: Promise<{ written: number; finished: boolean }>
  upstream.handle = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    served = streamBytes(res, 50 * MB)
  }
  const client = openClient()

  const exchange = await client.replay(interaction({ path: '/huge' }))

  expect(exchange).toMatchObject({
    outcome: 'body-too-large',
    status: 200,
    limitBytes: 10 * MB,
    attempts: 1,
  })
  expect(exchange.outcome === 'body-too-large' && exchange.receivedBytes).toBeGreaterThan(10 * MB)
  expect(exchange.outcome === 'body-too-large' && exchange.receivedBytes).toBeLessThan(50 * MB)
  const { finished, written } = await served
  expect(finished).toBe(false)
  expect(written).toBeLessThan(50 * MB)
})

it('gives up without reading given a Content-Length over the cap', async () => {
  let closed!: Promise<void>
  upstream.handle = (req, res) => {
    closed = new Promise((resolve) => req.socket.once('close', () => resolve()))
    res.writeHead(200, { 'content-length': String(50 * MB) })
    res.write(CHUNK)
  }
  const client = openClient({
    settings: probeSettings({ maxBodyBytes: MB }),
  })

  const exchange = await client.replay(interaction({ path: '/huge' }))

  expect(exchange).toMatchObject({
    outcome: 'body-too-large',
    limitBytes: MB,
    receivedBytes: 0,
    declaredBytes: 50 * MB,
  })
  await expect(closed).resolves.toBeUndefined()
})

it('replays normally on a new connection after a body over the cap', async () => {
  let turn = 0
  upstream.handle = (_req, res) => {
    if (turn++ === 0) void streamBytes(res.writeHead(200), 2 * MB)
    else res.end('small')
  }
  const client = openClient({
    settings: probeSettings({ maxBodyBytes: MB, concurrency: 1 }),
  })

  const first = await client.replay(interaction({ path: '/huge' }))
  const second = await client.replay(interaction({ path: '/small' }))

  expect(first.outcome).toBe('body-too-large')
  expect(second).toMatchObject({ outcome: 'response', bodyText: 'small' })
  expect(upstream.connections).toBe(2)
})

it('accepts a body of exactly the cap', async () => {
  upstream.handle = (_req, res) => res.end(Buffer.alloc(1000, 'b'))
  const client = openClient({
    settings: probeSettings({ maxBodyBytes: 1000 }),
  })

  const exchange = await client.replay(interaction({ path: '/exact' }))

  expect(exchange).toMatchObject({ outcome: 'response', bodyBytes: 1000 })
})
