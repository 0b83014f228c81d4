import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listSecretForms } from '../../src/text/index.js'
import { findLeaks as findPlainLeaks } from '../support/find-secrets.js'
import {
  sendJson as json,
  startLocalUpstream,
  type LocalUpstream,
} from '../support/local-upstream.js'
import { createProject, type Project, typedInteraction } from '../support/project.js'

/** Any form of any secret (plain, percent- or JSON-encoded) under the project or in the output. */
const findLeaks = (dir: string, output: { stdout: string; stderr: string }, secrets: string[]) =>
  findPlainLeaks(dir, output, secrets.flatMap(listSecretForms))

let ws: Project
let upstream: LocalUpstream
let authServer: LocalUpstream
/** Tokens the auth server issued, in order. */
let issued: string[]

const CLIENT_SECRET = 'client/secret+9f3a71'
const interactions = [
  typedInteraction('get post 1', '/posts/1', { id: 1, title: 'hello' }),
  typedInteraction('get post 2', '/posts/2', { id: 2, title: 'hello' }),
]

beforeEach(async () => {
  ws = await createProject({ confirm: 0 })
  issued = []
  // A real OAuth 2 token endpoint on its own origin: client_secret_post, form-encoded.
  authServer = await startLocalUpstream((req, res, body) => {
    const form = new URLSearchParams(body)
    if (
      req.method !== 'POST' ||
      form.get('grant_type') !== 'client_credentials' ||
      form.get('client_id') !== 'posts-client' ||
      form.get('client_secret') !== CLIENT_SECRET
    )
      return json(res, 401, { error: 'invalid_client', error_description: body })
    const token = `oauth-token-${issued.length + 1}-c41e`
    issued.push(token)
    json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 })
  })
  upstream = await startLocalUpstream((_req, res) => json(res, 404, {}))
})
afterEach(async () => {
  await Promise.all([upstream.close(), authServer.close()])
  await ws.cleanup()
})

/** Answers posts to the one bearer token `accepts` allows, and 401 to anything else. */
function requireBearer(accepts: (token: string) => boolean) {
  upstream.handle = (req, res) => {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '')
    if (!accepts(token)) return json(res, 401, { error: 'invalid_token' })
    json(res, 200, { id: Number(req.url!.split('/').pop()), title: 'hello' })
  }
}

const oauth = () => ({
  type: 'oauth2-client-credentials',
  tokenUrl: `${authServer.origin}/oauth/token`,
  clientId: 'posts-client',
  clientSecret: '${POSTS_CLIENT_SECRET}',
  scope: 'posts:read',
  audience: 'https://api.example.com',
})

describe('upstream.auth oauth2-client-credentials', () => {
  it('fetches a token from the auth server and sends it on every probe, to the upstream only', async () => {
    requireBearer((token) => token === issued[0])
    await ws.writeContract('posts-api', {
      baseUrl: upstream.origin,
      headers: {},
      auth: oauth(),
      interactions,
    })

    const result = await ws.run(['verify'], { POSTS_CLIENT_SECRET: CLIENT_SECRET })

    expect(result.code, result.stderr).toBe(0)
    expect(authServer.seen).toHaveLength(1)
    const form = new URLSearchParams(authServer.seen[0]!.body)
    expect(form.get('scope')).toBe('posts:read')
    expect(form.get('audience')).toBe('https://api.example.com')
    expect(upstream.seen.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${issued[0]}`,
      `Bearer ${issued[0]}`,
    ])
    expect(upstream.seen.every((r) => !r.body.includes(CLIENT_SECRET))).toBe(true)
  })

  it('renews a token the upstream rejects as expired, once, and the run passes without an alert', async () => {
    // The first token expires after one request, as if its lifetime ran out mid-run.
    const uses = new Map<string, number>()
    requireBearer((token) => {
      uses.set(token, (uses.get(token) ?? 0) + 1)
      return issued.includes(token) && (token !== issued[0] || uses.get(token) === 1)
    })
    await ws.writeContract('posts-api', {
      baseUrl: upstream.origin,
      headers: {},
      auth: oauth(),
      interactions,
      extra: '  concurrency: 1\n',
    })

    const result = await ws.run(['verify'], { POSTS_CLIENT_SECRET: CLIENT_SECRET })

    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(issued).toHaveLength(2)
    expect(upstream.seen.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${issued[0]}`,
      `Bearer ${issued[0]}`,
      `Bearer ${issued[1]}`,
    ])
    const status = await ws.run(['status', '--json'])
    expect(status.stdout).not.toMatch(/"broken"|"unreachable"/)
  })

  it('fails the contract with AUTH_FAILED, sending no probe, when the auth server refuses the client', async () => {
    await ws.writeContract('posts-api', {
      baseUrl: upstream.origin,
      headers: {},
      auth: oauth(),
      interactions,
    })

    const result = await ws.run(['verify'], { POSTS_CLIENT_SECRET: 'wrong-secret-1234' })

    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/token endpoint http:\/\/127\.0\.0\.1:\d+ answered 401/)
    expect(upstream.seen).toHaveLength(0)
    // The auth server echoed the secret in its error: it is never quoted.
    expect(await findLeaks(ws.dir, result, ['wrong-secret-1234'])).toEqual([])
  })
})

describe('upstream.auth basic and command', () => {
  it('sends HTTP Basic credentials from the environment', async () => {
    const expected = `Basic ${Buffer.from('ann:pa55/word+77').toString('base64')}`
    upstream.handle = (req, res) =>
      req.headers.authorization === expected
        ? json(res, 200, { id: Number(req.url!.split('/').pop()), title: 'hi' })
        : json(res, 401, {})
    await ws.writeContract('posts-api', {
      baseUrl: upstream.origin,
      headers: {},
      auth: { type: 'basic', username: '${POSTS_USER}', password: '${POSTS_PASSWORD}' },
      interactions,
    })

    const result = await ws.run(['verify'], { POSTS_USER: 'ann', POSTS_PASSWORD: 'pa55/word+77' })

    expect(result.code, result.stderr).toBe(0)
    expect(upstream.seen).toHaveLength(2)
  })

  it('sends the token a command prints, run without a shell with argv templates filled', async () => {
    // The command builds its token from an argument, so the token is in no file.
    requireBearer((token) => token === 'cmd-seed4411-token')
    await ws.writeContract('posts-api', {
      baseUrl: upstream.origin,
      headers: {},
      auth: {
        type: 'command',
        argv: [
          process.execPath,
          '-e',
          'process.stdout.write("cmd-" + process.argv[1] + "-token\\n")',
          '${LOGIN_SEED}',
          // A shell would run this; execFile passes it as a plain argument.
          '$(exit 1) | true',
        ],
      },
      interactions,
    })

    const result = await ws.run(['verify'], { LOGIN_SEED: 'seed4411' })

    expect(result.code, result.stderr).toBe(0)
    expect(upstream.seen).toHaveLength(2)
  })

  it('fails the contract with AUTH_FAILED when the command exits non-zero', async () => {
    await ws.writeContract('posts-api', {
      baseUrl: upstream.origin,
      headers: {},
      auth: { type: 'command', argv: [process.execPath, '-e', 'process.exit(3)'] },
      interactions,
    })

    const result = await ws.run(['verify'])

    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/the command .*node.* failed: it exited with code 3/)
    expect(upstream.seen).toHaveLength(0)
  })
})

describe('upstream.auth secrets', () => {
  /** An upstream that accepts `authorization` and echoes it back in a body that breaks the contract. */
  function echoCredentials(accepts: (authorization: string) => boolean) {
    upstream.handle = (req, res) => {
      const authorization = req.headers.authorization ?? ''
      if (!accepts(authorization)) return json(res, 401, {})
      const credential = authorization.replace(/^\w+ /, '')
      res.setHeader('x-seen-credential', credential)
      json(res, 200, { id: credential, title: authorization, note: `key ${credential}` })
    }
  }

  it('writes no client secret or token to the store, reports, receipts or output', async () => {
    echoCredentials((authorization) => authorization === `Bearer ${issued[0]}`)
    await ws.writeContract('posts-api', {
      baseUrl: upstream.origin,
      headers: {},
      auth: oauth(),
      interactions,
    })

    const result = await ws.run(['verify', '--json'], { POSTS_CLIENT_SECRET: CLIENT_SECRET })
    expect(result.code).toBe(1)
    const status = await ws.run(['status', '--json'])

    expect(issued).toHaveLength(1)
    expect(await findLeaks(ws.dir, result, [CLIENT_SECRET, ...issued])).toEqual([])
    expect(await findLeaks(ws.dir, status, [CLIENT_SECRET, ...issued])).toEqual([])
  })

  it('writes no basic password, its encoded pair, or a command token anywhere', async () => {
    const pair = Buffer.from('ann:pa55/word+77').toString('base64')
    echoCredentials((authorization) => authorization === `Basic ${pair}`)
    await ws.writeContract('basic-api', {
      baseUrl: upstream.origin,
      headers: {},
      auth: { type: 'basic', username: 'ann', password: '${POSTS_PASSWORD}' },
      interactions,
    })
    const basic = await ws.run(['verify', '--json'], { POSTS_PASSWORD: 'pa55/word+77' })
    expect(basic.code).toBe(1)
    expect(await findLeaks(ws.dir, basic, ['pa55/word+77', pair])).toEqual([])

    echoCredentials((authorization) => authorization === 'Bearer cmd-token-5e7b21')
    await ws.writeContract('basic-api', {
      baseUrl: upstream.origin,
      headers: {},
      auth: {
        type: 'command',
        argv: [process.execPath, '-e', 'console.log(["cmd", "token", "5e7b21"].join("-"))'],
      },
      interactions,
    })
    const command = await ws.run(['verify', '--json'])
    expect(command.code).toBe(1)
    expect(await findLeaks(ws.dir, command, ['cmd-token-5e7b21', 'pa55/word+77', pair])).toEqual([])
  })
})
