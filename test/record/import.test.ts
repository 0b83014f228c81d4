import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeEach, describe, expect, it } from 'vitest'
import { pactDocument, useProject } from '../support/project.js'
import { findLeaks, findSecrets, readEveryFile } from '../support/find-secrets.js'

const HAR = fileURLToPath(new URL('./fixtures/devtools-export.har', import.meta.url))
/** The credentials in the DevTools export: a JWT, a cookie, a password, a session token, an API key in the query. */
const HAR_SECRETS = [
  'har-bearer-SECRET-9f8e7d',
  'har-cookie-SECRET-4a5b6c',
  'har-password-SECRET-1q2w3e',
  'har-session-SECRET-7u8i9o',
  'AIzaSy-har-query-SECRET-0p',
]

type Interaction = {
  description: string
  key: string
  request: Record<string, any>
  response: Record<string, any>
}
const ws = useProject()
let pactFile: string

beforeEach(async () => {
  pactFile = await ws.writeContract('posts-api', {
    baseUrl: 'https://api.example.test/v1',
    headers: { Authorization: 'Bearer ${API_TOKEN}' },
    timeoutMs: 5000,
  })
})

describe('upcheck import', () => {
  it('says what it would add with --dry-run, and writes nothing', async () => {
    const result = await ws.run(['import', 'posts-api', HAR, '--dry-run'], {
      API_TOKEN: 'unused-in-import',
    })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(
      /^upcheck import --dry-run: .*devtools-export\.har → contracts\/posts-api\.pact\.json \(not written\): 5 new, 0 again; 5 interactions in the file$/m,
    )
    await expect(readFile(pactFile, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' })
    expect(await readFile(join(ws.dir, 'contracts', 'posts-api.yaml'), 'utf8')).not.toContain(
      'baseline:',
    )
  })

  it('warns of no skipped interaction when the contract allows unsafe methods', async () => {
    await ws.writeContract('posts-api', {
      baseUrl: 'https://api.example.test/v1',
      headers: { Authorization: 'Bearer ${API_TOKEN}' },
      extra: '  allowUnsafe: true',
    })
    const result = await ws.run(['import', 'posts-api', HAR], { API_TOKEN: 'unused-in-import' })
    expect(result.code).toBe(0)
    expect(result.stderr).not.toContain('will be skipped by verify')
  })

  it("adds a browser's HAR entries for the contract's origin and base path, redacted and generalised, and leaves the rest out", async () => {
    const result = await ws.run(['import', 'posts-api', HAR], { API_TOKEN: 'unused-in-import' })
    expect(result.code).toBe(0)
    // Probes will need the cookie and the query key from somewhere else: the user is told where.
    expect(result.stderr).toContain(
      'redacted the request header(s) cookie, which contracts/posts-api.yaml does not set under upstream.headers',
    )
    expect(result.stderr).toContain(
      "redacted the query parameter(s) key. Put them in upstream.baseUrl's query",
    )
    // The POST is stored, but verify will not replay it: said now, with how to allow it.
    expect(result.stderr).toContain(
      'warning: posts-api: 1 interaction recorded now will be skipped by verify (POST /sessions → 201): POST is not replayed, since it could change the live upstream: set probe.allowUnsafe: true in the contract to replay it',
    )
    const pact = JSON.parse(await readFile(pactFile, 'utf8'))
    const interactions = pact.interactions as Interaction[]
    expect(interactions.map((i) => i.description)).toEqual([
      'GET /posts → 200',
      'GET /posts/{id} → 200',
      'POST /sessions → 201',
      'GET /avatars/42.png → 200',
      'GET /search → 200',
    ])
    expect(result.stdout).toMatch(
      /3 entries left out: it is not under the contract's base URL https:\/\/api\.example\.test\/v1/,
    )
    expect(result.stdout).toMatch(/1 entry left out: a CORS preflight/)
    expect(result.stdout).toMatch(/1 entry left out: a 304 only revalidates/)
    expect(result.stdout).toMatch(/1 entry left out: no response/)

    const [list, one, login, avatar, search] = interactions as [
      Interaction,
      Interaction,
      Interaction,
      Interaction,
      Interaction,
    ]
    // Browser-only headers (HTTP/2 pseudo-headers, sec-*, origin/referer kept as the app sent them) and volatile response headers.
    expect(Object.keys(list.request.headers).sort()).toEqual([
      'accept',
      'accept-language',
      'authorization',
      'cookie',
      'origin',
      'priority',
      'referer',
      'user-agent',
    ])
    expect(list.request.headers.authorization).toEqual(['Bearer <redacted>'])
    expect(list.request.query).toEqual({ page: ['1'] })
    expect(list.response.headers).toEqual({
      'access-control-allow-origin': ['http://localhost:5173'],
      'cache-control': ['private, no-cache'],
      'content-type': ['application/json; charset=utf-8'],
    })
    expect(list.response.matchingRules.body['$[*].uuid'].matchers[0].match).toBe('regex')
    expect(list.response.matchingRules.body['$[*].links.self'].matchers[0].match).toBe('regex')
    // base64 text in the HAR is decoded, and JSON parsed.
    expect(one.response.body.content).toMatchObject({ id: 42, title: 'Dogs' })
    expect(login.request.body.content).toEqual({ email: 'ann@example.com', password: '<redacted>' })
    expect(login.response.body.content.token).toBe('<redacted>')
    expect(avatar.response.body).toMatchObject({ contentType: 'image/png', encoded: 'base64' })
    expect(search.request.query).toEqual({ q: ['cats'], key: ['<redacted>'] })
    expect(result.stderr + result.stdout).not.toContain('AIzaSy')

    expect(await findLeaks(ws.dir, { stdout: result.stdout }, HAR_SECRETS)).toEqual([])
  })

  it('imports the same HAR twice without duplicating, the newer entry replacing the older', async () => {
    await ws.run(['import', 'posts-api', HAR], { API_TOKEN: 'x' })
    const again = await ws.run(['import', 'posts-api', HAR], { API_TOKEN: 'x' })
    expect(again.stdout).toMatch(/0 new, 5 again; 5 interactions in the file/)
    expect(JSON.parse(await readFile(pactFile, 'utf8')).interactions).toHaveLength(5)
  })

  it("adds a Pact V2 file's interactions with their own names and rules, redacting what they hold", async () => {
    const v2 = pactDocument(
      [
        {
          description: 'a request for post 42',
          providerState: 'post 42 exists',
          request: {
            method: 'GET',
            path: '/posts/42',
            headers: { Authorization: 'Bearer pact-literal-SECRET-5t6y' },
          },
          response: {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
            body: { id: 42, title: 'Dogs' },
            matchingRules: { '$.body.id': { match: 'type' } },
          },
        },
      ],
      { version: '2.0.0', consumer: 'web', provider: 'posts' },
    )
    await ws.writeFile('posts.v2.json', JSON.stringify(v2))
    const result = await ws.run(['import', 'posts-api', 'posts.v2.json'], { API_TOKEN: 'x' })
    expect(result.code).toBe(0)
    const [imported] = JSON.parse(await readFile(pactFile, 'utf8')).interactions as Interaction[]
    expect(imported!.description).toBe('a request for post 42')
    expect(imported!.request.headers.Authorization).toEqual(['Bearer <redacted>'])
    // Its own rules stand: no generalisation is added to an interaction someone wrote rules for.
    expect(imported!.response.matchingRules.body).toEqual({
      '$.id': { combine: 'AND', matchers: [{ match: 'type' }] },
    })
    const written = (await readEveryFile(ws.dir)).filter(
      (file) => !file.path.endsWith('posts.v2.json'),
    )
    expect(findSecrets(written, ['pact-literal-SECRET-5t6y'])).toEqual([])
  })

  it('exits 2 naming the file and the JSON path of a malformed HAR entry, and writes nothing', async () => {
    const har = JSON.parse(await readFile(HAR, 'utf8'))
    har.log.entries[3].request.url = '/v1/posts/42'
    await writeFile(join(ws.dir, 'broken.har'), JSON.stringify(har))
    const result = await ws.run(['import', 'posts-api', 'broken.har'], { API_TOKEN: 'x' })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      'broken.har: $.log.entries[3].request.url: the URL is missing or not absolute',
    )
    expect(result.stderr).toContain('[IMPORT_INVALID]')
    await expect(readFile(pactFile, 'utf8')).rejects.toThrow(/ENOENT/)
  })
})

describe('upcheck import of a file that is not JSON', () => {
  it('names the line and column of the syntax error in a HAR, and never quotes its content', async () => {
    await ws.writeFile(
      'broken.har',
      '{\n  "log": {\n    "entries": [\n      {"request": {"url": "https://x?key=har-SECRET-zz"} oops}\n    ]\n  }\n}',
    )
    const result = await ws.run(['import', 'posts-api', 'broken.har'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/broken\.har:4:58: the file is not valid JSON\. Fix the JSON/)
    expect(result.stderr).not.toContain('har-SECRET-zz')
  })
})
