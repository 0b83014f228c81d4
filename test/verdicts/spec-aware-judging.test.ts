import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  sendJson as json,
  startLocalUpstream,
  type LocalUpstream,
} from '../support/local-upstream.js'
import { type Project, createProject } from '../support/project.js'
import { getPostById } from '../support/openapi-documents.js'

/**
 * A contract with a baseline, recorded against one answer, verified against a real local
 * upstream that answers otherwise: in ways the baseline allows (drift: verified, info at
 * most) and in ways it does not (broken where the recording reads, warning elsewhere).
 */

const typeRule = { combine: 'AND', matchers: [{ match: 'type' }] }

/** The answer the pilot recorded. */
const recorded = {
  id: 1,
  title: 'hello',
  next_page_uri: '/posts?page=2',
  nickname: 'h',
  tags: ['a'],
  meta: { colour: 'red' },
  status: 'draft',
  author: { kind: 'person', name: 'Ann' },
}

function baseline(version: '3.0' | '3.1' | '2.0') {
  const nullableString =
    version === '3.1'
      ? { type: ['string', 'null'] }
      : version === '2.0'
        ? { type: 'string', 'x-nullable': true }
        : { type: 'string', nullable: true }
  const post = {
    type: 'object',
    required: ['id', 'title', 'tags', 'status'],
    properties: {
      id: { type: 'integer' },
      title: { type: 'string' },
      next_page_uri: nullableString,
      nickname: { type: 'string' },
      tags: { type: 'array', items: { type: 'string' } },
      meta: { type: 'object', additionalProperties: true },
      status: { type: 'string', enum: ['draft', 'published', 'archived'] },
      view_count: { type: 'integer' },
      author: {
        type: 'object',
        properties: {
          kind: { type: 'string' },
          team: { type: 'string' },
        },
      },
    },
  }
  if (version === '2.0')
    return {
      swagger: '2.0',
      info: { title: 'posts', version: '1' },
      paths: {
        '/posts/{id}': {
          get: {
            produces: ['application/json'],
            parameters: [{ name: 'id', in: 'path', required: true, type: 'integer' }],
            responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/Post' } } },
          },
        },
      },
      definitions: { Post: post },
    }
  return {
    openapi: version === '3.1' ? '3.1.0' : '3.0.3',
    info: { title: 'posts', version: '1' },
    paths: getPostById({ $ref: '#/components/schemas/Post' }),
    components: { schemas: { Post: post } },
  }
}

/** As the recorder writes it: types from the root, lists stay non-empty, `status` literal. */
const interaction = {
  type: 'Synchronous/HTTP',
  description: 'get post 1',
  request: { method: 'GET', path: '/posts/1' },
  response: {
    status: 200,
    headers: { 'Content-Type': ['application/json'] },
    body: { contentType: 'application/json', encoded: false, content: recorded },
    matchingRules: {
      body: {
        $: typeRule,
        '$.tags': { combine: 'AND', matchers: [{ match: 'type', min: 1 }] },
        '$.status': { combine: 'AND', matchers: [{ match: 'equality' }] },
      },
    },
  },
}

type Workspace = Project
let ws: Workspace
let upstream: LocalUpstream
let answer: unknown = recorded

beforeAll(async () => {
  ws = await createProject()
  upstream = await startLocalUpstream((_req, res) => json(res, 200, answer))
  for (const version of ['3.0', '3.1', '2.0'] as const) {
    const name = `posts-${version.replace('.', '')}`
    await ws.writeFile(`contracts/${name}.openapi.json`, JSON.stringify(baseline(version)))
    await ws.writeContract(name, {
      baseUrl: upstream.origin,
      interactions: [interaction],
      extra: `baseline: ${name}.openapi.json\n`,
    })
  }
  await ws.writeContract('posts-bare', { baseUrl: upstream.origin, interactions: [interaction] })
})
afterAll(async () => {
  await upstream.close()
  await ws.cleanup()
})

interface ReportedContract {
  name: string
  status: string
  findings: { severity: string; path?: string; message: string }[]
}

async function verify(live: unknown): Promise<Record<string, ReportedContract>> {
  answer = live
  await ws.run(['verify'])
  const report = JSON.parse(await readFile(join(ws.dir, 'reports/latest.json'), 'utf8'))
  return Object.fromEntries(report.contracts.map((c: ReportedContract) => [c.name, c]))
}

const withBaseline = ['posts-30', 'posts-31', 'posts-20']

describe('spec-aware judging with a baseline', () => {
  it('verifies an answer that differs from the recording only in ways the baseline allows', async () => {
    const { nickname: _nickname, ...rest } = recorded
    const contracts = await verify({
      ...rest,
      id: 2,
      next_page_uri: null,
      tags: [],
      meta: { size: 'L', weight: 3 },
      status: 'published',
      author: { kind: 'team', name: 'Ops', team: 'ops' },
    })
    for (const name of withBaseline) {
      expect(contracts[name]!.status, name).toBe('verified')
      expect(
        contracts[name]!.findings.filter((f) => f.severity !== 'info'),
        name,
      ).toEqual([])
      // Each allowed difference is told, as drift.
      expect(contracts[name]!.findings.map((f) => f.path).sort(), name).toEqual([
        '$.meta.colour',
        '$.next_page_uri',
        '$.nickname',
        '$.status',
        '$.tags',
      ])
    }
    // Without a baseline the same answer breaks the contract: nothing says it may differ.
    expect(contracts['posts-bare']!.status).toBe('broken')
  })

  it('breaks on a type the baseline fixes, an undocumented enum value and null where not nullable', async () => {
    for (const [change, path] of [
      [{ id: '1' }, '$.id'],
      [{ status: 'deleted' }, '$.status'],
      [{ title: null }, '$.title'],
      [{ tags: [3] }, '$.tags[0]'],
    ] as const) {
      const contracts = await verify({ ...recorded, ...change })
      for (const name of withBaseline) {
        expect(contracts[name]!.status, `${name} ${path}`).toBe('broken')
        expect(contracts[name]!.findings, `${name} ${path}`).toContainEqual(
          expect.objectContaining({ severity: 'breaking', path }),
        )
      }
    }
  })

  it('keeps a recorded field the baseline does not describe under the recording', async () => {
    // `author.name` is read by the consumer and not in the baseline: the recording governs.
    const renamed = await verify({ ...recorded, author: { kind: 'person', name: 'Bob' } })
    for (const name of withBaseline) expect(renamed[name]!.status, name).toBe('verified')
    for (const author of [{ kind: 'person' }, { kind: 'person', name: 7 }]) {
      const contracts = await verify({ ...recorded, author })
      for (const name of withBaseline) expect(contracts[name]!.status, name).toBe('broken')
    }
  })

  it('warns, without breaking, about a value the baseline forbids in a field the recording does not read', async () => {
    const contracts = await verify({ ...recorded, view_count: 'many' })
    for (const name of withBaseline) {
      expect(contracts[name]!.status, name).toBe('verified')
      expect(contracts[name]!.findings, name).toEqual([
        expect.objectContaining({
          severity: 'warning',
          path: '$.view_count',
          message: expect.stringContaining('no longer matches its own document'),
        }),
      ])
    }
    expect(contracts['posts-bare']!.findings).toEqual([])
  })
})
