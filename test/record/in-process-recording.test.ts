import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useProject } from '../support/project.js'
import { findLeaks, findSecrets, readEveryFile } from '../support/find-secrets.js'
import { plantSecrets, startPilotUpstream } from '../support/pilot-upstream.js'

const PILOT = fileURLToPath(new URL('../../examples/pilot-app/main.ts', import.meta.url))
// The pilot runs from the workspace folder, where a bare `--import tsx` would not resolve.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

const secrets = plantSecrets('inproc')
const ws = useProject()
let upstream: Awaited<ReturnType<typeof startPilotUpstream>>
let other: { url: string; hits: number; close(): Promise<void> }
let pactFile: string

beforeEach(async () => {
  upstream = await startPilotUpstream(secrets)
  let hits = 0
  const server = createServer((_req, res) => {
    hits++
    res.writeHead(204).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  other = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`,
    get hits() {
      return hits
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
  // The API key the pilot sends as ?api_key= is one the probes must send too: it goes in the base URL.
  pactFile = await ws.writeContract('posts-api', {
    baseUrl: `${upstream.baseUrl}?api_key=\${PILOT_API_KEY}`,
    headers: { Authorization: 'Bearer ${PILOT_TOKEN}', 'X-Api-Key': '${PILOT_API_KEY}' },
    timeoutMs: 5000,
  })
})

afterEach(async () => {
  await upstream.close()
  await other.close()
})

const env = () => ({
  PILOT_API_URL: upstream.baseUrl,
  PILOT_TOKEN: secrets.token,
  PILOT_API_KEY: secrets.apiKey,
  PILOT_PASSWORD: secrets.password,
  PILOT_OTHER_URL: other.url,
})

describe('upcheck record -- <command>', () => {
  it("records a Node program's fetch and http calls to the upstream, passes them through, and leaves other origins alone", async () => {
    const result = await ws.run(
      ['record', 'posts-api', '--', process.execPath, '--import', TSX, PILOT],
      env(),
    )
    // The one line on stderr: the recorded POST will not be replayed without allowUnsafe.
    expect(result.stderr).toMatch(
      /^warning: posts-api: 1 interaction recorded now will be skipped by verify \(POST [^)]*\): POST is not replayed, [^\n]*allowUnsafe[^\n]*\n$/,
    )
    expect(result.code).toBe(0)
    // The program ran against the real upstream with its own credentials.
    expect(result.stdout).toContain('listed 3 posts')
    expect(result.stdout).toContain('post 10: 200 post 10 on day 1')
    expect(result.stdout).toContain('logged in as ann')
    expect(result.stdout).toContain('other service: 204')
    expect(other.hits).toBe(1)

    const pact = JSON.parse(await readFile(pactFile, 'utf8'))
    const interactions = pact.interactions as {
      description: string
      request: { headers: Record<string, string[]>; query?: unknown }
    }[]
    expect(interactions.map((i) => i.description)).toEqual([
      'GET /posts → 200',
      'GET /posts/{id} → 200',
      'GET /search → 200',
      'POST /sessions → 201',
    ])
    // http.request (the second call) and fetch (the others) are both captured.
    expect(interactions[1]!.request.headers['x-api-key']).toEqual(['<redacted>'])
    expect(interactions[0]!.request.headers.authorization).toEqual(['Bearer <redacted>'])
    // ?api_key= is the base URL's: probes send it from there, so the recording leaves it out.
    expect(interactions[2]!.request.query).toEqual({ q: ['hello'] })
    expect(JSON.stringify(pact)).not.toContain('127.0.0.1')

    const leaks = await findLeaks(ws.dir, result, Object.values(secrets))
    expect(leaks).toEqual([])
  })

  it('yields a contract that verifies green the next day, with new ids, counts and timestamps, and red on a real type change', async () => {
    const recorded = await ws.run(
      ['record', 'posts-api', '--', process.execPath, '--import', TSX, PILOT],
      env(),
    )
    expect(recorded.code).toBe(0)

    upstream.state.day = 2
    const nextDay = await ws.run(['verify', '--no-alerts'], env())
    expect(nextDay.stdout).toMatch(/✔ verified {2}posts-api {2}3\/4 passed, 1 skipped/)
    expect(nextDay.code).toBe(0)

    upstream.state.viewsAsText = true
    const retyped = await ws.run(['verify', '--no-alerts'], env())
    expect(retyped.code).toBe(1)
    const report = JSON.parse(await readFile(`${ws.dir}/reports/latest.json`, 'utf8'))
    const findings = report.contracts[0].findings as {
      interaction: string
      path: string
      expected: string
      actual: string
    }[]
    expect(findings.map((f) => `${f.interaction} ${f.path}`)).toEqual(
      expect.arrayContaining(['GET /posts → 200 $[*].views', 'GET /posts/{id} → 200 $.views']),
    )
    expect(findings.every((f) => /views/.test(f.path))).toBe(true)

    const leaks = findSecrets(await readEveryFile(ws.dir), Object.values(secrets))
    expect(leaks).toEqual([])
  })

  it("passes the command's exit code on and keeps what it recorded before failing", async () => {
    const result = await ws.run(
      ['record', 'posts-api', '--', process.execPath, '--import', TSX, PILOT],
      { ...env(), PILOT_PASSWORD: 'wrong-password-here' },
    )
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/logging in answered 401/)
    expect(result.stderr).toMatch(/exited with code 1; the calls it made are recorded/)
    const pact = JSON.parse(await readFile(pactFile, 'utf8'))
    expect(pact.interactions.map((i: { description: string }) => i.description)).toEqual([
      'GET /posts → 200',
      'GET /posts/{id} → 200',
      'GET /search → 200',
      'POST /sessions → 401',
    ])
  })
})
