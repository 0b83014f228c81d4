import { describe, expect, it } from 'vitest'
import { findClosedPort } from '../support/local-upstream.js'
import { interaction, probeSettings, recordingSleep } from '../support/probe-fixtures.js'
import { useProbeSuite } from '../support/probe-suite.js'

const { upstream, openClient } = useProbeSuite()

describe('an upstream that cannot be reached', () => {
  it('reports unreachable (connection-refused) given a port nothing listens on', async () => {
    const port = await findClosedPort()
    const client = openClient({
      upstream: { baseUrl: `http://127.0.0.1:${port}`, headers: {}, secrets: [] },
    })

    const exchange = await client.replay(interaction({ path: '/posts/1' }))

    expect(exchange).toMatchObject({
      outcome: 'unreachable',
      reason: 'connection-refused',
      attempts: 1,
    })
  })

  it('retries a refused connection with growing jittered backoff, then reports the attempts', async () => {
    const port = await findClosedPort()
    const { sleep, waits } = recordingSleep()
    const client = openClient({
      upstream: { baseUrl: `http://127.0.0.1:${port}`, headers: {}, secrets: [] },
      settings: probeSettings({ retries: 2 }),
      sleep,
      random: () => 0.5,
      retryDelay: { backoffBaseMs: 100 },
    })

    const exchange = await client.replay(interaction({ path: '/posts/1' }))

    expect(exchange).toMatchObject({
      outcome: 'unreachable',
      reason: 'connection-refused',
      attempts: 3,
    })
    expect(waits).toEqual([50, 100])
  })
})

describe('an upstream that stalls or drops the connection', () => {
  it('reports unreachable (timeout) given an upstream that never sends headers', async () => {
    upstream.handle = () => {}
    const client = openClient({
      settings: probeSettings({ timeoutMs: 200 }),
    })

    const exchange = await client.replay(interaction({ path: '/slow' }))

    expect(exchange).toMatchObject({ outcome: 'unreachable', reason: 'timeout', attempts: 1 })
    expect(exchange.outcome === 'unreachable' && exchange.detail).toBe(
      'no response headers within 200 ms',
    )
  })

  it('reports unreachable (timeout) given a body that stalls after the first bytes', async () => {
    upstream.handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      res.write('{"id":')
    }
    const client = openClient({
      settings: probeSettings({ timeoutMs: 200 }),
    })

    const exchange = await client.replay(interaction({ path: '/stall' }))

    expect(exchange).toMatchObject({ outcome: 'unreachable', reason: 'timeout' })
    expect(exchange.outcome === 'unreachable' && exchange.detail).toBe(
      'response body incomplete after 200 ms (6 bytes received)',
    )
  })

  it('closes the connection of a stalled body instead of returning it to the pool', async () => {
    let closed!: Promise<void>
    upstream.handle = (req, res) => {
      closed = new Promise((resolve) => req.socket.once('close', () => resolve()))
      res.writeHead(200, { 'content-length': '100' })
      res.write('partial')
    }
    const client = openClient({
      settings: probeSettings({ timeoutMs: 200 }),
    })

    await client.replay(interaction({ path: '/stall' }))

    await expect(closed).resolves.toBeUndefined()
  })

  it('reports unreachable (reset) given a connection destroyed mid-body', async () => {
    upstream.handle = (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' })
      res.write('{"items":[', () => req.socket.resetAndDestroy())
    }
    const client = openClient()

    const exchange = await client.replay(interaction({ path: '/reset' }))

    expect(exchange).toMatchObject({ outcome: 'unreachable', reason: 'reset', attempts: 1 })
    expect(exchange.outcome === 'unreachable' && exchange.detail).toMatch(
      / after 10 body bytes of an HTTP 200$/,
    )
  })

  it('retries a reset and returns the response of the try that succeeded', async () => {
    let calls = 0
    upstream.handle = (req, res) => {
      if (++calls === 1) {
        res.writeHead(200, { 'content-length': '1000' })
        res.write('x', () => req.socket.destroy())
        return
      }
      res.end('fine')
    }
    const client = openClient({
      settings: probeSettings({ retries: 1 }),
      sleep: recordingSleep().sleep,
    })

    const exchange = await client.replay(interaction({ path: '/flaky' }))

    expect(exchange).toMatchObject({
      outcome: 'response',
      status: 200,
      bodyText: 'fine',
      attempts: 2,
    })
  })
})

describe('a recording that cannot be sent', () => {
  it('reports unreachable (invalid-request) without retrying, and without quoting the header value', async () => {
    const { sleep, waits } = recordingSleep()
    const client = openClient({
      settings: probeSettings({ retries: 2 }),
      sleep,
    })

    const exchange = await client.replay(
      interaction({
        path: '/posts/1',
        headers: { 'X-Note': ['line one\r\nx-injected: value-xyz'] },
      }),
    )

    expect(exchange).toMatchObject({
      outcome: 'unreachable',
      reason: 'invalid-request',
      attempts: 1,
    })
    expect(JSON.stringify(exchange)).not.toContain('value-xyz')
    expect(waits).toEqual([])
    expect(upstream.seen).toHaveLength(0)
  })
})
