import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useProject } from '../support/project.js'
import { findLeaks } from '../support/find-secrets.js'
import { startCliProcess } from '../support/cli-process.js'

/** Planted where a pilot's traffic carries credentials; none may reach disk or the recorder's output. */
const planted = {
  envToken: 'env-token-6c1f0b9e2a', // the contract's ${PILOT_TOKEN}: echoed back in a body
  basic: Buffer.from('ann:basic-pass-77d2e1').toString('base64'),
  authHeader: 'hdr-token-0f5e8a3c7b',
  cookie: 'cookie-sid-2b9d4e6f1a',
  query: 'query-token-a41c77e0d3',
  queryAgain: 'query-token-second-93be2f',
  form: 'form-password-5d0c3b8a',
  clientSecret: 'client-secret-1e7f9c2d',
  jsonKey: 'json-apikey-8a3f6e1b0c',
  refresh: 'resp-refresh-4c8e2a9f6d',
  access: 'resp-access-7f1b3d5e9a',
  setCookie: 'setcookie-sid-3e9a1c7f',
  sessionHeader: 'resp-session-hdr-6b2d8f',
  email: 'ann.private@example.com',
}

const ws = useProject()
let close: () => Promise<void>
let baseUrl: string

beforeEach(async () => {
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      const json = (
        status: number,
        value: unknown,
        headers: Record<string, string | string[]> = {},
      ) =>
        res
          .writeHead(status, { 'content-type': 'application/json', ...headers })
          .end(JSON.stringify(value))
      if (req.url?.startsWith('/api/me')) {
        return json(
          200,
          {
            user: { name: 'Ann', email: planted.email },
            echo: `you sent Bearer ${planted.envToken}`,
            refresh_token: planted.refresh,
            sessions: [{ session_id: 'abc123', active: true }],
          },
          {
            'set-cookie': [`sid=${planted.setCookie}; HttpOnly`],
            'x-session-token': planted.sessionHeader,
          },
        )
      }
      if (req.url === '/api/oauth/token')
        return json(200, {
          access_token: planted.access,
          token_type: 'bearer',
          expires_in: 3600,
          body,
        })
      return json(201, { received: JSON.parse(body || 'null') })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`
  close = () => new Promise((resolve) => server.close(() => resolve()))
})

afterEach(async () => {
  await close()
})

describe('redaction when recording', () => {
  it('keeps every planted secret (headers, query, form and JSON bodies both ways, redact paths, environment values) off disk and out of the output', async () => {
    const pactFile = await ws.writeContract('posts-api', {
      baseUrl,
      headers: { Authorization: 'Bearer ${PILOT_TOKEN}' },
      extra: 'redact: [$.user.email]\n',
      timeoutMs: 5000,
    })
    const recorder = startCliProcess(['record', 'posts-api', '--port', '0'], {
      cwd: ws.dir,
      env: { PILOT_TOKEN: planted.envToken },
    })
    const [, proxy] = await recorder.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
    const me = (token: string) =>
      fetch(`${proxy}/api/me?page=1&access_token=${token}`, {
        headers: {
          authorization: `Basic ${planted.basic}`,
          'x-auth-token': planted.authHeader,
          cookie: `sid=${planted.cookie}`,
        },
      })
    expect((await me(planted.query)).status).toBe(200)
    expect((await me(planted.queryAgain)).status).toBe(200)
    const form = `grant_type=password&username=ann&password=${planted.form}&client_secret=${planted.clientSecret}`
    expect(
      (
        await fetch(`${proxy}/api/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
        })
      ).status,
    ).toBe(200)
    const thing = {
      name: 'x',
      settings: { apiKey: planted.jsonKey },
      note: `made with ${planted.envToken}`,
    }
    expect(
      (
        await fetch(`${proxy}/api/things`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(thing),
        })
      ).status,
    ).toBe(201)
    const { code, stdout, stderr } = await recorder.stop()
    expect(code).toBe(0)

    const leaks = await findLeaks(ws.dir, { stdout, stderr }, Object.values(planted))
    expect(leaks).toEqual([])

    // What was redacted is still there as a placeholder of its type, with a type rule.
    const pact = JSON.parse(await readFile(pactFile, 'utf8'))
    const [meInteraction, token, things] = pact.interactions
    expect(pact.interactions).toHaveLength(3)
    // The second call differed only in a secret: after redaction it is the same request.
    expect(stdout).toMatch(/GET \/me\?page=1&access_token=<redacted> → 200 {2}recorded again/)
    expect(meInteraction.request.headers).toMatchObject({
      authorization: ['Basic <redacted>'],
      'x-auth-token': ['<redacted>'],
      cookie: ['<redacted>'],
    })
    expect(meInteraction.request.query).toEqual({ page: ['1'], access_token: ['<redacted>'] })
    expect(meInteraction.response.headers).toEqual({
      'content-type': ['application/json'],
      'x-session-token': ['<redacted>'],
    })
    expect(meInteraction.response.body.content).toEqual({
      user: { name: 'Ann', email: '<redacted>' },
      echo: 'you sent Bearer <redacted>',
      refresh_token: '<redacted>',
      sessions: [],
    })
    // A secret-named container is blanked whole: its inner names need not look secret (a session's `id`).
    for (const path of ['$.user.email', '$.echo', '$.refresh_token', '$.sessions']) {
      expect(meInteraction.response.matchingRules.body[path], path).toEqual({
        combine: 'AND',
        matchers: [{ match: 'type' }],
      })
    }
    expect(token.request.body.content).toBe(
      'grant_type=password&username=ann&password=%3Credacted%3E&client_secret=%3Credacted%3E',
    )
    expect(token.response.body.content.access_token).toBe('<redacted>')
    expect(things.request.body.content).toEqual({
      name: 'x',
      settings: { apiKey: '<redacted>' },
      note: 'made with <redacted>',
    })
    expect(things.response.body.content.received.settings).toEqual({ apiKey: '<redacted>' })
  })
})
