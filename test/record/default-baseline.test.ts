import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadContracts } from '../../src/contracts/index.js'
import {
  sendJson as json,
  startLocalUpstream,
  type LocalUpstream,
} from '../support/local-upstream.js'
import { type Project, createProject, typedInteraction } from '../support/project.js'
import { findSecrets, readEveryFile } from '../support/find-secrets.js'
import { startCliProcess } from '../support/cli-process.js'
import { getPostById } from '../support/openapi-documents.js'

/** The credential the contract reads from the environment; the upstream echoes it in its spec. */
const TOKEN = 'tok-baseline-5c2e9a71f0'

const specDocument = (idType: string) => ({
  openapi: '3.0.3',
  info: { title: 'posts', version: '1', description: `Try it: Authorization: Bearer ${TOKEN}` },
  paths: getPostById({
    type: 'object',
    required: ['id'],
    properties: { id: { type: idType }, title: { type: 'string' } },
  }),
})
const jsonSpec = (idType = 'integer') => `${JSON.stringify(specDocument(idType), null, 4)}\n`
const yamlSpec = [
  'openapi: 3.0.3',
  'info:',
  '  title: posts',
  '  version: "1"',
  `  description: "Try it: Authorization: Bearer ${TOKEN}"   # an upstream that echoes a key`,
  'paths:',
  '  /posts/{id}:',
  '    get:',
  '      responses:',
  "        '200': { description: ok }",
  '',
].join('\n')

let ws: Project
let upstream: LocalUpstream
let live: { path: string; text: string } | undefined
let contractText: string

beforeEach(async () => {
  ws = await createProject()
  live = { path: '/openapi.json', text: jsonSpec() }
  upstream = await startLocalUpstream((req, res) => {
    if (req.url === live?.path) {
      // The spec is behind the API's auth: the contract's headers must reach it.
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(res, 401, {})
      return res.writeHead(200, { 'content-type': 'text/plain' }).end(live!.text)
    }
    if (req.url === '/posts/1') return json(res, 200, { id: 1, title: 'hello' })
    json(res, 404, {})
  })
  await writeContract('/openapi.json')
  await ws.writeFile(
    'pilot.pact.json',
    JSON.stringify({
      consumer: { name: 'app' },
      provider: { name: 'posts-api' },
      interactions: [typedInteraction('get post', '/posts/1', { id: 1, title: 'hello' })],
      metadata: { pactSpecification: { version: '4.0' } },
    }),
  )
})
afterEach(async () => {
  await upstream.close()
  await ws.cleanup()
})

/** A contract as a person writes one: comments, aligned, a blank line, a flow map. */
async function writeContract(specPath: string) {
  contractText = [
    '# posts: recorded during the pilot',
    'name: posts-api                      # unique',
    'owner: Ann Lee <ann@example.com>',
    'upstream:',
    `  baseUrl: ${upstream.origin}`,
    `  spec: ${upstream.origin}${specPath}   # the live document`,
    '  headers:',
    '    Authorization: Bearer ${API_TOKEN}',
    'interactions: posts-api.pact.json    # beside this file',
    '',
    '# checked hourly',
    'freshness: 1h',
    'probe: { timeoutMs: 5000,  retries: 0 }',
    '',
  ].join('\n')
  await ws.writeFile('contracts/posts-api.yaml', contractText)
}

const read = (file: string) => readFile(join(ws.dir, file), 'utf8')
const withBaselineLine = (file: string) =>
  contractText.replace('# beside this file\n', `# beside this file\nbaseline: ${file}\n`)

describe('baselines by default', () => {
  it('import pins the live JSON spec, secrets scrubbed, and names it in the contract without touching its layout', async () => {
    const result = await ws.run(['import', 'posts-api', 'pilot.pact.json'], { API_TOKEN: TOKEN })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(
      'upcheck import: pinned the live spec as contracts/posts-api.openapi.json',
    )
    expect(await read('contracts/posts-api.yaml')).toBe(withBaselineLine('posts-api.openapi.json'))
    expect(await read('contracts/posts-api.openapi.json')).toBe(
      jsonSpec().replace(TOKEN, '<redacted>'),
    )
    expect(findSecrets(await readEveryFile(ws.dir), [TOKEN])).toEqual([])

    // The pinned baseline is in use: a retyped id in the live spec is now a spec finding.
    expect((await ws.run(['verify'], { API_TOKEN: TOKEN })).code).toBe(0)
    live = { path: '/openapi.json', text: jsonSpec('string') }
    await ws.run(['verify'], { API_TOKEN: TOKEN })
    const report = JSON.parse(await read('reports/latest.json'))
    expect(report.contracts[0].findings).toContainEqual(
      expect.objectContaining({ source: 'spec', operation: 'GET /posts/{id}' }),
    )

    // Once a contract has a baseline, recording again leaves it alone: accepting a new one is a decision.
    await ws.run(['import', 'posts-api', 'pilot.pact.json'], { API_TOKEN: TOKEN })
    expect(await read('contracts/posts-api.openapi.json')).toBe(
      jsonSpec().replace(TOKEN, '<redacted>'),
    )
    expect(await read('contracts/posts-api.yaml')).toBe(withBaselineLine('posts-api.openapi.json'))
  })

  it('record --port pins a YAML spec as YAML', async () => {
    live = { path: '/openapi.yaml', text: yamlSpec }
    await writeContract('/openapi.yaml')
    const recorder = startCliProcess(['record', 'posts-api', '--port', '0'], {
      cwd: ws.dir,
      env: { API_TOKEN: TOKEN },
    })
    const [, proxy] = await recorder.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
    expect((await fetch(`${proxy}/posts/1`)).status).toBe(200)
    const { code, stdout, stderr } = await recorder.stop('SIGTERM')
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    expect(stdout).toContain(
      'upcheck record: pinned the live spec as contracts/posts-api.openapi.yaml',
    )
    expect(await read('contracts/posts-api.openapi.yaml')).toBe(
      yamlSpec.replace(TOKEN, '<redacted>'),
    )
    expect(await read('contracts/posts-api.yaml')).toBe(withBaselineLine('posts-api.openapi.yaml'))
    const loaded = await loadContracts('contracts', { cwd: ws.dir })
    expect(loaded.errors).toEqual([])
    expect(loaded.contracts.map((c) => c.baselineFile)).toEqual([
      join(ws.dir, 'contracts/posts-api.openapi.yaml'),
    ])
  })

  it('keeps the recording and the contract as they were, saying why, when the live spec cannot be pinned', async () => {
    live = undefined
    const unreachable = await ws.run(['import', 'posts-api', 'pilot.pact.json'], {
      API_TOKEN: TOKEN,
    })
    expect(unreachable.code).toBe(0)
    expect(unreachable.stderr).toMatch(
      /^warning: the live spec was not pinned as posts-api's baseline: .*SPEC_UNREADABLE/,
    )
    expect(await read('contracts/posts-api.yaml')).toBe(contractText)
    expect(JSON.parse(await read('contracts/posts-api.pact.json')).interactions).toHaveLength(1)

    // A file of that name that the contract does not name is someone's: it is not overwritten.
    live = { path: '/openapi.json', text: jsonSpec() }
    await writeFile(join(ws.dir, 'contracts/posts-api.openapi.json'), '{"kept": true}')
    const taken = await ws.run(['import', 'posts-api', 'pilot.pact.json'], { API_TOKEN: TOKEN })
    expect(taken.code).toBe(0)
    expect(taken.stderr).toContain('posts-api.openapi.json exists already')
    expect(await read('contracts/posts-api.openapi.json')).toBe('{"kept": true}')
    expect(await read('contracts/posts-api.yaml')).toBe(contractText)
  })
})
