import { readFile } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startLocalUpstream, type LocalUpstream } from '../support/local-upstream.js'
import { createProject, type Project } from '../support/project.js'
import { startCliProcess } from '../support/cli-process.js'

/** What the upstream answers today; a test changes it between recording and verifying. */
interface Day {
  total: number
  page: number
  expose: string
  sessionToken: string
}

let ws: Project
let upstream: LocalUpstream
let day: Day
let pactFile: string

function send(res: ServerResponse, body: unknown, headers: Record<string, string> = {}) {
  res
    .writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...headers })
    .end(JSON.stringify(body))
}

beforeEach(async () => {
  ws = await createProject()
  day = { total: 3, page: 2, expose: 'X-Total-Count, Link', sessionToken: 'tok-9f8e7d6c5b4a3' }
  upstream = await startLocalUpstream((req, res) => {
    if (req.url === '/api/items')
      return send(res, [{ id: 1 }], {
        'x-total-count': String(day.total),
        link: `<${upstream.origin}/api/items?page=${day.page}>; rel="next"`,
        'access-control-expose-headers': day.expose,
        'access-control-allow-credentials': 'true',
        'access-control-allow-headers': 'Authorization, X-Api-Key',
      })
    // A documentation example that repeats the field's name, and one made of plain words.
    if (req.url === '/api/example')
      return send(res, {
        auth_token: 'auth_token',
        api_key: 'YOUR_API_KEY',
        fields: ['auth_token', 'api_key'],
        help: 'Send auth_token, or YOUR_API_KEY as api_key.',
      })
    if (req.url === '/api/login') return send(res, { access_token: day.sessionToken })
    // A map keyed by the token the login returned.
    if (req.url === '/api/sessions')
      return send(res, { count: 1, open: { [day.sessionToken]: { active: true } } })
    res.writeHead(404).end()
  })
  pactFile = await ws.writeContract('posts-api', {
    baseUrl: `${upstream.origin}/api`,
    headers: {},
    timeoutMs: 5000,
  })
})

afterEach(async () => {
  await upstream.close()
  await ws.cleanup()
})

async function record(paths: string[], flags: string[] = []) {
  const recorder = startCliProcess(['record', 'posts-api', '--port', '0', ...flags], {
    cwd: ws.dir,
  })
  const [, proxy] = await recorder.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
  for (const path of paths) expect((await fetch(`${proxy}/api${path}`)).status).toBe(200)
  const { code } = await recorder.stop()
  expect(code).toBe(0)
  const pact = JSON.parse(await readFile(pactFile, 'utf8'))
  return pact.interactions as {
    response: {
      headers: Record<string, string[]>
      body: { content: unknown }
      matchingRules?: { header?: Record<string, unknown> }
    }
  }[]
}

const present = { combine: 'AND', matchers: [{ match: 'type' }] }

describe('recorded response headers', () => {
  it('are recorded as present, not by value, so a new count, next link or exposed list still verifies', async () => {
    const [items] = await record(['/items'])
    expect(items!.response.matchingRules?.header).toEqual({
      'content-type': {
        combine: 'AND',
        matchers: [{ match: 'regex', regex: '^application/json(\\s*;.*)?$' }],
      },
      'x-total-count': present,
      link: present,
      'access-control-expose-headers': present,
      'access-control-allow-credentials': present,
      'access-control-allow-headers': present,
    })
    // CORS headers name credentials and headers but carry none: nothing is redacted.
    expect(items!.response.headers['access-control-allow-credentials']).toEqual(['true'])
    expect(items!.response.headers['access-control-allow-headers']).toEqual([
      'Authorization, X-Api-Key',
    ])

    day = { ...day, total: 41, page: 3, expose: 'X-Total-Count, Link, X-Page' }
    const verify = await ws.run(['verify'])
    expect(verify.stdout + verify.stderr).not.toContain('header')
    expect(verify.code).toBe(0)
  })

  it('keep their literal values with --exact', async () => {
    const [items] = await record(['/items'], ['--exact'])
    expect(items!.response.matchingRules?.header).toBeUndefined()
    expect(items!.response.headers['x-total-count']).toEqual(['3'])

    day = { ...day, total: 41 }
    const verify = await ws.run(['verify'])
    expect(verify.code).toBe(1)
    expect(verify.stdout).toContain('x-total-count')
  })
})

describe('secrets learned while recording', () => {
  it('are not learned from a value that repeats its field name or is made of plain words, so no key or text is rewritten', async () => {
    const [example] = await record(['/example'])
    expect(example!.response.body.content).toEqual({
      auth_token: '<redacted>',
      api_key: '<redacted>',
      fields: ['auth_token', 'api_key'],
      help: 'Send auth_token, or YOUR_API_KEY as api_key.',
    })
    const verify = await ws.run(['verify'])
    expect(verify.stdout).not.toContain('<redacted>')
    expect(verify.code).toBe(0)
  })

  it('never rewrite an object key: an entry keyed by a learned secret is left out, and the next token still verifies', async () => {
    const [, sessions] = await record(['/login', '/sessions'])
    const text = await readFile(pactFile, 'utf8')
    expect(text).not.toContain(day.sessionToken)
    expect(sessions!.response.body.content).toEqual({ count: 1, open: {} })

    day = { ...day, sessionToken: 'tok-0a1b2c3d4e5f6' }
    const verify = await ws.run(['verify'])
    expect(verify.code).toBe(0)
  })
})
