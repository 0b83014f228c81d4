import { beforeAll, expect, it } from 'vitest'
import type { ProbeClient } from '../../src/probes/index.js'
import { useLocalUpstream } from '../support/local-upstream.js'
import { interaction, probeSettings } from '../support/probe-fixtures.js'
import { useProbeSuite } from '../support/probe-suite.js'

const TOKEN = 'tok-8f3a9c'

const { upstream, openClient } = useProbeSuite()
const elsewhere = useLocalUpstream()
let client: ProbeClient

beforeAll(() => {
  client = openClient({
    upstream: {
      baseUrl: `${upstream.origin}/api`,
      headers: { Authorization: `Bearer ${TOKEN}` },
      secrets: [TOKEN],
    },
    settings: probeSettings({ allowUnsafe: true }),
  })
})

it('follows a same-origin redirect and reports the final URL', async () => {
  upstream.handle = (req, res) => {
    if (req.url === '/api/old') res.writeHead(301, { location: '/api/new?x=1' }).end()
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"moved":true}')
  }

  const exchange = await client.replay(interaction({ path: '/old' }))

  expect(exchange).toMatchObject({
    outcome: 'response',
    status: 200,
    bodyText: '{"moved":true}',
    redirects: 1,
    url: `${upstream.origin}/api/new?x=1`,
  })
  expect(upstream.seen.map((r) => r.headers.authorization)).toEqual([
    `Bearer ${TOKEN}`,
    `Bearer ${TOKEN}`,
  ])
})

it('turns a POST into a GET without body on 303', async () => {
  upstream.handle = (req, res) => {
    if (req.method === 'POST') res.writeHead(303, { location: '/api/posts/7' }).end()
    else res.end('created')
  }

  const exchange = await client.replay(
    interaction({
      method: 'POST',
      path: '/posts',
      body: { contentType: 'application/json', content: { title: 'x' } },
    }),
  )

  expect(exchange).toMatchObject({ outcome: 'response', bodyText: 'created', redirects: 1 })
  expect(upstream.seen.map((r) => [r.method, r.url, r.body, r.headers['content-type']])).toEqual([
    ['POST', '/api/posts', '{"title":"x"}', 'application/json'],
    ['GET', '/api/posts/7', '', undefined],
  ])
})

it('repeats method and body on 307', async () => {
  upstream.handle = (req, res) => {
    if (req.url === '/api/v1') res.writeHead(307, { location: '/api/v2' }).end()
    else res.end('ok')
  }

  await client.replay(
    interaction({
      method: 'PUT',
      path: '/v1',
      body: { contentType: 'text/plain', content: 'hello' },
    }),
  )

  expect(upstream.seen.map((r) => [r.method, r.body])).toEqual([
    ['PUT', 'hello'],
    ['PUT', 'hello'],
  ])
})

it('does not follow a redirect to another origin, which sees no request and no credentials', async () => {
  upstream.handle = (_req, res) =>
    res.writeHead(302, { location: `${elsewhere.origin}/login?next=%2Fme&sig=abc` }).end()

  const exchange = await client.replay(interaction({ path: '/me' }))

  expect(exchange).toMatchObject({
    outcome: 'cross-origin-redirect',
    status: 302,
    locationOrigin: elsewhere.origin,
    location: `${elsewhere.origin}/login`,
    url: `${upstream.origin}/api/me`,
    attempts: 1,
  })
  expect(upstream.seen).toHaveLength(1)
  expect(elsewhere.seen).toHaveLength(0)
  expect(elsewhere.connections).toBe(0)
})

it('treats another port on the same host as another origin', async () => {
  const otherPort = new URL(elsewhere.origin).port
  upstream.handle = (_req, res) =>
    res.writeHead(308, { location: `//127.0.0.1:${otherPort}/api/me` }).end()

  const exchange = await client.replay(interaction({ path: '/me' }))

  expect(exchange).toMatchObject({
    outcome: 'cross-origin-redirect',
    locationOrigin: elsewhere.origin,
  })
  expect(elsewhere.seen).toHaveLength(0)
})

it('stops after 5 same-origin redirects', async () => {
  let hop = 0
  upstream.handle = (_req, res) => res.writeHead(302, { location: `/api/loop/${++hop}` }).end()

  const exchange = await client.replay(interaction({ path: '/loop/0' }))

  expect(exchange).toMatchObject({
    outcome: 'too-many-redirects',
    status: 302,
    redirects: 5,
    location: `${upstream.origin}/api/loop/6`,
  })
  expect(upstream.seen).toHaveLength(6)
})

it('returns a redirect without Location as a response', async () => {
  upstream.handle = (_req, res) => res.writeHead(302).end()

  const exchange = await client.replay(interaction({ path: '/nowhere' }))

  expect(exchange).toMatchObject({ outcome: 'response', status: 302, redirects: 0 })
})
