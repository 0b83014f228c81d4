import { once } from 'node:events'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  sendJson as json,
  startLocalUpstream,
  type LocalUpstream,
} from '../support/local-upstream.js'
import { createProject, typedInteraction, type Project } from '../support/project.js'

type Workspace = Project
let ws: Workspace
let upstream: LocalUpstream
let idType: 'number' | 'string' = 'number'
const closers: (() => unknown)[] = []

beforeEach(async () => {
  ws = await createProject()
  idType = 'number'
  upstream = await startLocalUpstream((req, res) => {
    // A spec server that takes the request and never answers.
    if (req.url === '/openapi.json') return
    json(res, 200, { id: idType === 'number' ? 1 : '1' })
  })
  closers.push(() => upstream.close())
})
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
  await ws.cleanup()
})

/** A webhook receiver that answers 200 and keeps what it got. */
async function startWebhook() {
  const kinds: string[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk))
    req.on('end', () => {
      kinds.push((JSON.parse(body) as { kind: string }).kind)
      res.writeHead(200).end()
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  closers.push(() => new Promise((resolve) => server.close(resolve)))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, kinds }
}

describe('upcheck verify at the edges', () => {
  it('exits 2 naming the folder when --reports cannot be written, and still sends the alerts', async () => {
    const hook = await startWebhook()
    await ws.writeContract('posts-api', {
      baseUrl: upstream.origin,
      interactions: [typedInteraction('get post 1', '/posts/1', { id: 1 })],
      extra: `alerts:\n  webhook: ${hook.url}\n`,
    })
    // A file where the folder should be: unwritable even for root.
    await ws.writeFile('blocked', 'not a folder')

    idType = 'string'
    const broken = await ws.run(['verify', '--reports', 'blocked/reports'])
    expect(broken.code).toBe(1)
    expect(broken.stderr).toMatch(
      /Cannot write the reports to .*blocked.reports.*\[REPORTS_UNWRITABLE\]/,
    )
    expect(hook.kinds).toEqual(['broken'])

    idType = 'number'
    const recovered = await ws.run(['verify', '--reports', 'blocked/reports'])
    expect(recovered.code).toBe(2)
    expect(recovered.stderr).toMatch(/\[REPORTS_UNWRITABLE\]/)
    expect(hook.kinds).toEqual(['broken', 'recovered'])
  })
})

const validSpec = {
  openapi: '3.0.3',
  info: { title: 'posts', version: '1' },
  paths: {
    '/posts/{id}': {
      get: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { '200': { description: 'ok' } },
      },
    },
  },
}

/** A contract with a baseline and a live spec URL; `timeoutMs` is its probe timeout. */
async function writeSpecContract(name: string, baseline: unknown, timeoutMs = 2000) {
  await ws.writeFile(`contracts/${name}.openapi.json`, JSON.stringify(baseline))
  await ws.writeContract(name, {
    baseUrl: upstream.origin,
    interactions: [typedInteraction('get post 1', '/posts/1', { id: 1 })],
    extra: `baseline: ${name}.openapi.json\n`,
  })
  const file = join(ws.dir, 'contracts', `${name}.yaml`)
  const text = await readFile(file, 'utf8')
  await ws.writeFile(
    `contracts/${name}.yaml`,
    text
      .replace('  headers:', `  spec: ${upstream.origin}/openapi.json\n  headers:`)
      .replace('timeoutMs: 2000', `timeoutMs: ${timeoutMs}`),
  )
}

describe('the spec check at the edges', () => {
  it('refuses a baseline that is no valid OpenAPI document as that contract’s exit-2 error, as diff does', async () => {
    await writeSpecContract('bad-baseline', { openapi: '4.0.0', info: {}, paths: [] })
    await ws.writeContract('posts-api', {
      baseUrl: upstream.origin,
      interactions: [typedInteraction('get post 1', '/posts/1', { id: 1 })],
    })
    const result = await ws.run(['verify'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/bad-baseline\.openapi\.json: not a valid OpenAPI document/)
    const report = JSON.parse(await readFile(join(ws.dir, 'reports/latest.json'), 'utf8'))
    expect(
      report.contracts.map((c: { name: string; status: string }) => [c.name, c.status]),
    ).toEqual([['posts-api', 'verified']])
  })

  it('gives up on a live spec that never answers after the contract’s timeout, not after 30 s', async () => {
    await writeSpecContract('posts-api', validSpec, 500)
    const started = performance.now()
    const result = await ws.run(['verify'])
    expect(performance.now() - started).toBeLessThan(10_000)
    // The probes passed: an unreadable live spec is a warning, not a break.
    expect(result.code).toBe(0)
    const report = JSON.parse(await readFile(join(ws.dir, 'reports/latest.json'), 'utf8'))
    expect(report.contracts[0].findings[0]).toMatchObject({ rule: 'spec-unreachable' })
  })
})

describe('control bytes from an upstream', () => {
  it('never reach latest.json, summary.md, junit.xml, index.html or the console', async () => {
    const interaction = typedInteraction('get post 1', '/posts/1', { id: 1, title: 'hello' })
    interaction.response.matchingRules.body = {
      ...interaction.response.matchingRules.body,
      '$.title': { combine: 'AND', matchers: [{ match: 'regex', regex: '^[a-z]+$' }] },
    } as typeof interaction.response.matchingRules.body
    await ws.writeContract('posts-api', { baseUrl: upstream.origin, interactions: [interaction] })
    upstream.handle = (_req, res) =>
      json(res, 200, { id: 1, title: 'he\u0000llo\u001b[31mred\u0007\u009b' })
    const result = await ws.run(['verify'])
    expect(result.code).toBe(1)
    const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/
    for (const name of ['latest.json', 'summary.md', 'junit.xml', 'index.html'])
      expect(await readFile(join(ws.dir, 'reports', name), 'utf8'), name).not.toMatch(controls)
    expect(result.stdout + result.stderr).not.toMatch(controls)
    // Still shown, as escapes.
    expect(await readFile(join(ws.dir, 'reports/summary.md'), 'utf8')).toContain('\\u001b[31m')
  })
})
