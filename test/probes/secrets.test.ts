import { beforeAll, expect, it } from 'vitest'
import type { ProbeClient } from '../../src/probes/index.js'
import { interaction, probeSettings, recordingSleep } from '../support/probe-fixtures.js'
import { useProbeSuite } from '../support/probe-suite.js'

/** As a `${POSTS_TOKEN}` would resolve; the characters test the percent-encoded form too. */
const SECRET = 'planted s3cret/+=?'

// @note A careless upstream that echoes credentials back in every place it can.
const { upstream, openClient } = useProbeSuite((req, res) => {
  const auth = req.headers.authorization ?? ''
  const echo = encodeURIComponent(auth)
  if (req.url?.startsWith('/api/redirect'))
    return void res.writeHead(302, { location: `/landing?token=${echo}` }).end()
  if (req.url?.startsWith('/api/away'))
    return void res.writeHead(302, { location: `http://login.invalid/${echo}?t=${echo}` }).end()
  if (req.url?.startsWith('/api/fail')) return void res.writeHead(503, { 'x-echo': auth }).end(auth)
  if (req.url?.startsWith('/api/big'))
    return void res.writeHead(200, { 'x-echo': auth }).end(Buffer.alloc(2048, auth))
  res.writeHead(200, {
    'content-type': 'application/json',
    'x-echo': auth,
    'set-cookie': [`t=${echo}`, 'b=1'],
  })
  res.end(JSON.stringify({ you: auth }))
})
let client: ProbeClient

beforeAll(() => {
  client = openClient({
    upstream: {
      baseUrl: `${upstream.origin}/api?key=${encodeURIComponent(SECRET)}`,
      headers: { Authorization: `Bearer ${SECRET}` },
      secrets: [SECRET],
    },
    settings: probeSettings({ retries: 1, maxBodyBytes: 1024 }),
    sleep: recordingSleep().sleep,
  })
})

it('sends a planted secret to the upstream and keeps it out of every result', async () => {
  const exchanges = await Promise.all(
    [
      interaction({ path: '/me', headers: { Authorization: ['Bearer <redacted>'] } }),
      interaction({ path: '/redirect' }),
      interaction({ path: '/away' }),
      interaction({ path: '/fail' }),
      interaction({ path: '/big' }),
    ].map((i) => client.replay(i)),
  )

  expect(upstream.seen[0]?.headers.authorization).toBe(`Bearer ${SECRET}`)
  expect(upstream.seen[0]?.url).toBe(`/api/me?key=${encodeURIComponent(SECRET)}`)
  expect(exchanges.map((e) => e.outcome)).toEqual([
    'response',
    'response',
    'cross-origin-redirect',
    'unreachable',
    'body-too-large',
  ])
  const everything = JSON.stringify(exchanges)
  expect(everything).toContain('<redacted>')
  expect(everything).not.toContain(SECRET)
  expect(everything).not.toContain(encodeURIComponent(SECRET))
  expect(everything).not.toContain('s3cret')
})
