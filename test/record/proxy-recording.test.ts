import { watch } from 'node:fs'
import { access, readFile } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useProject } from '../support/project.js'
import { plantSecrets, startPilotUpstream } from '../support/pilot-upstream.js'
import { startCliProcess } from '../support/cli-process.js'

const secrets = plantSecrets('proxy')
const ws = useProject()
let upstream: Awaited<ReturnType<typeof startPilotUpstream>>
let pactFile: string

beforeEach(async () => {
  upstream = await startPilotUpstream(secrets)
  pactFile = await ws.writeContract('posts-api', {
    baseUrl: upstream.baseUrl,
    headers: { Authorization: 'Bearer ${PILOT_TOKEN}' },
    timeoutMs: 5000,
  })
})

afterEach(async () => {
  await upstream.close()
})

describe('upcheck record --port', () => {
  it('records every exchange through the proxy and has all of them in the Pact file when stopped by SIGTERM', async () => {
    const recorder = startCliProcess(['record', 'posts-api', '--port', '0'], {
      cwd: ws.dir,
      env: { PILOT_TOKEN: secrets.token },
    })
    const [, proxy] = await recorder.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
    const auth = { authorization: `Bearer ${secrets.token}` }
    const answers = [
      await fetch(`${proxy}/api/posts`, { headers: auth }),
      await fetch(`${proxy}/api/posts/10`, { headers: { ...auth, 'x-api-key': secrets.apiKey } }),
      await fetch(`${proxy}/api/posts/11`, { headers: { ...auth, 'x-api-key': secrets.apiKey } }),
      await fetch(`${proxy}/api/search?q=a&api_key=${secrets.apiKey}`, { headers: auth }),
      await fetch(`${proxy}/api/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'ann', password: secrets.password }),
      }),
    ]
    // The app gets the upstream's answers, decoded as it asked (fetch sends Accept-Encoding: gzip).
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 201])
    expect(((await answers[0]!.json()) as unknown[]).length).toBe(3)

    const { code, stdout, stderr } = await recorder.stop('SIGTERM')
    expect(stderr).toContain('query parameter(s) api_key')
    expect(code).toBe(0)
    const pact = JSON.parse(await readFile(pactFile, 'utf8'))
    expect(pact.metadata.pactSpecification.version).toBe('4.0')
    expect(pact.interactions.map((i: { description: string }) => i.description)).toEqual([
      'GET /posts → 200',
      'GET /posts/{id} → 200',
      'GET /posts/{id} → 200 #2',
      'GET /search → 200',
      'POST /sessions → 201',
    ])
    expect(stdout.match(/^(GET|POST) \S+ → \d{3} {2}recorded as /gm)).toHaveLength(5)
    expect(stdout).toContain(
      'GET /search?q=a&api_key=<redacted> → 200  recorded as "GET /search → 200"',
    )
    // The recorded request was sent with the app's own credentials (the upstream checks them).
    expect(upstream.requests.map((r) => r.url)).toEqual([
      '/api/posts',
      '/api/posts/10',
      '/api/posts/11',
      `/api/search?q=a&api_key=${secrets.apiKey}`,
      '/api/sessions',
    ])
  })

  it('writes the file every few seconds while recording, so a crash loses at most the last seconds and leaves valid JSON', async () => {
    // Resolves when the Pact file is renamed into place: the recorder writes a temporary file first.
    const written = new Promise<void>((resolve) => {
      const watcher = watch(dirname(pactFile), (_event, name) => {
        if (name !== basename(pactFile)) return
        access(pactFile).then(
          () => {
            watcher.close()
            resolve()
          },
          () => {},
        )
      })
    })
    const recorder = startCliProcess(['record', 'posts-api', '--port', '0'], {
      cwd: ws.dir,
      env: { PILOT_TOKEN: secrets.token },
    })
    const [, proxy] = await recorder.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
    expect(
      (await fetch(`${proxy}/api/posts`, { headers: { authorization: `Bearer ${secrets.token}` } }))
        .status,
    ).toBe(200)
    await written
    await recorder.stop('SIGKILL')
    const pact = JSON.parse(await readFile(pactFile, 'utf8'))
    expect(pact.interactions.map((i: { description: string }) => i.description)).toEqual([
      'GET /posts → 200',
    ])
  })

  it('answers 502 and records nothing when the upstream is down', async () => {
    const recorder = startCliProcess(['record', 'posts-api', '--port', '0'], {
      cwd: ws.dir,
      env: { PILOT_TOKEN: secrets.token },
    })
    const [, proxy] = await recorder.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
    await upstream.close()
    const down = await fetch(`${proxy}/api/posts`)
    expect(down.status).toBe(502)
    const { code, stdout } = await recorder.stop('SIGINT')
    expect(code).toBe(0)
    expect(stdout).toMatch(
      /GET \/api\/posts {2}not recorded: the upstream did not answer \(ECONNREFUSED\)/,
    )
    await expect(readFile(pactFile, 'utf8')).rejects.toThrow(/ENOENT/)
  })

  it('refuses to start without --port or a command, naming both ways', async () => {
    const result = await ws.run(['record', 'posts-api'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(
      /--port N runs a proxy .* -- <command> \[args…\] runs a Node program/,
    )
  })
})
