import { describe, expect, it } from 'vitest'
import { createProbeClient, type ProbeClient } from '../../src/probes/index.js'
import { interaction, probeSettings } from '../support/probe-fixtures.js'
import { useProbeSuite } from '../support/probe-suite.js'

const { upstream, openClient } = useProbeSuite()

function clientFor(
  baseUrl: string,
  headers: Record<string, string> = {},
  allowUnsafe = false,
): ProbeClient {
  return openClient({
    upstream: { baseUrl, headers, secrets: [] },
    settings: probeSettings({ allowUnsafe }),
  })
}

describe('the path', () => {
  it.each([
    ['/api/v1', '/posts/1', '/api/v1/posts/1'],
    ['/api/v1/', '/posts/1', '/api/v1/posts/1'],
    ['/api/v1//', 'posts/1', '/api/v1/posts/1'],
    ['', '/posts/1', '/posts/1'],
    ['/', '/', '/'],
  ])('joins base path %j and recorded path %j as %j', async (prefix, path, expected) => {
    await clientFor(upstream.origin + prefix).replay(interaction({ path }))

    expect(upstream.seen[0]?.url).toBe(expected)
  })

  it('encodes what a path may not hold and keeps existing escapes', async () => {
    await clientFor(upstream.origin).replay(interaction({ path: '/files/a b/é/100%/x%2Fy?' }))

    expect(upstream.seen[0]?.url).toBe('/files/a%20b/%C3%A9/100%25/x%2Fy%3F')
  })

  it('encodes the query, repeated names in order, after the base URL query', async () => {
    await clientFor(`${upstream.origin}/api?key=k1`).replay(
      interaction({ path: '/search', query: { q: ['a b&c'], tag: ['x', 'y'], é: ['ü'] } }),
    )

    expect(upstream.seen[0]?.url).toBe('/api/search?key=k1&q=a%20b%26c&tag=x&tag=y&%C3%A9=%C3%BC')
  })
})

describe('the headers', () => {
  it('sends recorded headers minus hop-by-hop ones, the contract headers overriding redacted ones', async () => {
    const client = clientFor(upstream.origin, {
      authorization: 'Bearer live-token',
      'X-Api-Version': '2',
    })

    await client.replay(
      interaction({
        path: '/me',
        headers: {
          Authorization: ['Bearer <redacted>'],
          'x-api-version': ['1'],
          Accept: ['application/json'],
          'X-Trace': ['t1', 't2'],
          Connection: ['keep-alive, X-Hop'],
          'X-Hop': ['private'],
          'Keep-Alive': ['timeout=5'],
          Host: ['recorded.example.com'],
          'Content-Length': ['99'],
          'Transfer-Encoding': ['chunked'],
          TE: ['trailers'],
          Trailer: ['x'],
          Upgrade: ['h2c'],
          'Proxy-Authorization': ['Basic abc'],
          'Accept-Encoding': ['gzip'],
        },
      }),
    )

    const seen = upstream.seen[0]!.headers
    expect(seen.authorization).toBe('Bearer live-token')
    expect(seen['x-api-version']).toBe('2')
    expect(seen.accept).toBe('application/json')
    expect(seen['x-trace']).toBe('t1, t2')
    expect(seen.host).toBe(new URL(upstream.origin).host)
    for (const dropped of [
      'x-hop',
      'keep-alive',
      'content-length',
      'transfer-encoding',
      'te',
      'trailer',
      'upgrade',
      'proxy-authorization',
      'accept-encoding',
    ]) {
      expect(seen[dropped], dropped).toBeUndefined()
    }
  })
})

describe('the body', () => {
  const client = (): ProbeClient => clientFor(upstream.origin, {}, true)

  it('re-serialises JSON content and names its type', async () => {
    await client().replay(
      interaction({
        method: 'POST',
        path: '/posts',
        body: { contentType: 'application/json', content: { title: 'ü', tags: [1] } },
      }),
    )

    expect(upstream.seen[0]).toMatchObject({ method: 'POST', body: '{"title":"ü","tags":[1]}' })
    expect(upstream.seen[0]?.headers['content-type']).toBe('application/json')
    expect(upstream.seen[0]?.headers['content-length']).toBe(
      String(Buffer.byteLength('{"title":"ü","tags":[1]}')),
    )
  })

  it('sends text as is', async () => {
    await client().replay(
      interaction({
        method: 'PUT',
        path: '/note',
        body: { contentType: 'text/plain', content: 'a "note"' },
      }),
    )

    expect(upstream.seen[0]).toMatchObject({ method: 'PUT', body: 'a "note"' })
  })

  it('decodes a base64 body to its bytes', async () => {
    await client().replay(
      interaction({
        method: 'PATCH',
        path: '/blob',
        body: {
          contentType: 'application/octet-stream',
          content: Buffer.from('bytes!').toString('base64'),
          encoded: 'base64',
        },
      }),
    )

    expect(upstream.seen[0]).toMatchObject({ method: 'PATCH', body: 'bytes!' })
  })
})

describe('unsafe methods', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND', 'post'])(
    'skips %s unless allowUnsafe is set, sending nothing',
    async (method) => {
      const exchange = await clientFor(upstream.origin).replay(
        interaction({ method, path: '/posts/1' }),
      )

      expect(exchange).toMatchObject({
        outcome: 'skipped',
        reason: 'unsafe-method',
        method: method.toUpperCase(),
      })
      expect(upstream.seen).toHaveLength(0)
    },
  )

  it.each(['GET', 'HEAD', 'OPTIONS'])('replays %s without allowUnsafe', async (method) => {
    const exchange = await clientFor(upstream.origin).replay(
      interaction({ method, path: '/posts/1' }),
    )

    expect(exchange.outcome).toBe('response')
    expect(upstream.seen[0]?.method).toBe(method)
  })

  it('replays DELETE when allowUnsafe is set', async () => {
    const exchange = await clientFor(upstream.origin, {}, true).replay(
      interaction({ method: 'DELETE', path: '/posts/1' }),
    )

    expect(exchange.outcome).toBe('response')
    expect(upstream.seen[0]?.method).toBe('DELETE')
  })
})

describe('a client that cannot be built', () => {
  it('refuses a base URL that is not absolute http(s), without echoing a secret in it', () => {
    const build = () =>
      createProbeClient({
        upstream: { baseUrl: 'ftp://host/k=s3cr', headers: {}, secrets: ['s3cr'] },
        settings: probeSettings(),
      })

    expect(build).toThrow(
      expect.objectContaining({
        code: 'CONTRACT_INVALID',
        message: expect.not.stringContaining('s3cr'),
      }),
    )
  })

  it('refuses settings the loader would have refused', () => {
    const build = () =>
      createProbeClient({
        upstream: { baseUrl: upstream.origin, headers: {}, secrets: [] },
        settings: probeSettings({ concurrency: 0, retries: -1 }),
      })

    expect(build).toThrow(
      /probe.concurrency must be a whole number above 0, got 0; probe.retries must be/,
    )
  })
})
