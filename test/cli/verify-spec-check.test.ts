import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { sendJson as json, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'
import { getPostById } from '../support/openapi-documents.js'

const ws = useProject()
let liveSpec: object | undefined
let specAuth: string | undefined
const upstream = useLocalUpstream((req, res) => {
  if (req.url === '/openapi.json') {
    specAuth = req.headers.authorization
    return liveSpec ? json(res, 200, liveSpec) : json(res, 503, {})
  }
  // Serves what the baseline documents, `unused` included, so only the spec check speaks.
  json(res, 200, { id: 2, title: 'x', unused: 'u' })
})

function spec(options: { titleType?: string; dropTags?: boolean; dropUnused?: boolean } = {}) {
  const object = (properties: Record<string, object>) => ({
    type: 'object',
    properties,
    ...('unused' in properties ? { required: ['unused'] } : {}),
  })
  return {
    openapi: '3.0.3',
    info: { title: 'posts', version: '1' },
    paths: {
      ...getPostById(
        object({
          id: { type: 'integer' },
          title: { type: options.titleType ?? 'string' },
          ...(options.dropUnused ? {} : { unused: { type: 'string' } }),
        }),
      ),
      ...(options.dropTags
        ? {}
        : {
            '/tags': {
              get: {
                responses: {
                  '200': {
                    description: 'ok',
                    content: {
                      'application/json': { schema: object({ name: { type: 'string' } }) },
                    },
                  },
                },
              },
            },
          }),
    },
  }
}

beforeEach(async () => {
  liveSpec = spec()
  specAuth = undefined
  await ws.writeFile('contracts/posts-api.openapi.json', JSON.stringify(spec()))
  await ws.writeContract('posts-api', {
    baseUrl: upstream.origin,
    spec: `${upstream.origin}/openapi.json`,
    interactions: [typedInteraction('get post', '/posts/1', { id: 1, title: 'hello' })],
    extra: `baseline: posts-api.openapi.json\n`,
  })
})

async function latestFindings() {
  return JSON.parse(await readFile(join(ws.dir, 'reports/latest.json'), 'utf8')).contracts[0]
}

describe('the spec check in verify', () => {
  it('finds nothing when the live spec equals the baseline, fetching it with the contract’s credentials', async () => {
    const result = await ws.run(['verify'])
    expect(result.code).toBe(0)
    expect((await latestFindings()).findings).toEqual([])
    expect(specAuth).toBe('Bearer test-token')
  })

  it('breaks the run when a field the interactions read changes type, counting the spec break on its line', async () => {
    expect((await ws.run(['verify'])).code).toBe(0)
    liveSpec = spec({ titleType: 'integer' })
    const result = await ws.run(['verify'])
    expect(result.code).toBe(1)
    // Every probe passed: only the spec break explains the red line, and the time is the earlier run's.
    expect(result.stdout).toMatch(
      /^✘ broken {2}posts-api {2}1\/1 passed, 1 spec break {2}last verified just now \(\S+\) \(before this break\)$/m,
    )
    const contract = await latestFindings()
    expect(contract.status).toBe('broken')
    expect(contract.findings).toContainEqual(
      expect.objectContaining({
        source: 'spec',
        severity: 'breaking',
        operation: 'GET /posts/{id}',
        affectsInteractions: true,
        rule: expect.any(String),
      }),
    )
    // The run's history shows the spec change that broke it, and no failing exchange: every probe passed.
    const shown = await ws.run(['history', 'posts-api', '--run', contract.run.id, '--json'])
    const { specChanges, evidence } = JSON.parse(shown.stdout)
    expect(specChanges).toEqual([
      expect.objectContaining({ severity: 'breaking', operation: 'GET /posts/{id}' }),
    ])
    expect(evidence).toBeNull()
    const text = await ws.run(['history', 'posts-api', '--run', contract.run.id])
    expect(text.stdout).toMatch(/spec changes that affect it:\n  breaking  \S+: /)
  })

  it('only warns about a breaking change to an operation the interactions never use', async () => {
    liveSpec = spec({ dropTags: true })
    const result = await ws.run(['verify'])
    expect(result.code).toBe(0)
    const contract = await latestFindings()
    expect(contract.status).toBe('verified')
    expect(contract.findings).toEqual([
      expect.objectContaining({
        source: 'spec',
        severity: 'warning',
        operation: 'GET /tags',
        affectsInteractions: false,
      }),
    ])
  })

  it('only warns when a required response field that no recorded body holds is removed from a used operation', async () => {
    liveSpec = spec({ dropUnused: true })
    const result = await ws.run(['verify'])
    expect(result.code).toBe(0)
    expect((await latestFindings()).findings).toEqual([
      expect.objectContaining({
        source: 'spec',
        severity: 'warning',
        operation: 'GET /posts/{id}',
        affectsInteractions: false,
      }),
    ])
  })

  it('warns, and does not break the run, when the live spec cannot be fetched', async () => {
    liveSpec = undefined
    const result = await ws.run(['verify'])
    expect(result.code).toBe(0)
    expect((await latestFindings()).findings).toEqual([
      expect.objectContaining({ source: 'spec', severity: 'warning', rule: 'spec-unreachable' }),
    ])
  })

  it('exits 2 naming the baseline when it cannot be read, and still verifies the other contracts', async () => {
    await ws.writeFile('contracts/posts-api.openapi.json', '{ "openapi": ')
    await ws.writeContract('other-api', {
      baseUrl: upstream.origin,
      interactions: [typedInteraction('get post', '/posts/1', { id: 1, title: 'hello' })],
    })
    const result = await ws.run(['verify'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('posts-api.openapi.json')
    const report = JSON.parse(await readFile(join(ws.dir, 'reports/latest.json'), 'utf8'))
    expect(report.contracts.map((c: { name: string }) => c.name)).toEqual(['other-api'])
    expect(report.errors[0].code).toMatch(/^SPEC_/)
  })

  it("names a failed probe by the baseline's operation, not by guessing from the recorded path", async () => {
    await ws.writeContract('slug-api', {
      baseUrl: upstream.origin,
      spec: `${upstream.origin}/openapi.json`,
      interactions: [
        typedInteraction('get post by slug', '/posts/first-post', { id: 1, title: 'hello' }),
      ],
      extra: `baseline: posts-api.openapi.json\n`,
    })
    upstream.handle = (req, res) =>
      req.url === '/openapi.json'
        ? json(res, 200, liveSpec)
        : json(res, 200, { id: 'one', title: 'x' })
    await ws.run(['verify', 'slug-api'])
    const report = JSON.parse(await readFile(join(ws.dir, 'reports/latest.json'), 'utf8'))
    expect(report.contracts[0].findings).toContainEqual(
      expect.objectContaining({ source: 'probe', operation: 'GET /posts/{id}', path: '$.id' }),
    )
  })
})
