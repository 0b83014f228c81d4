import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../../src/store/index.js'
import { sendJson as json, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'

const ws = useProject()
let requests: string[]
// An upstream that is down for everything but one GET, so a run that checks nothing
// could never honestly pass.
const upstream = useLocalUpstream((req, res) => {
  requests.push(`${req.method} ${req.url}`)
  if (req.url === '/posts/1' && req.method === 'GET') return json(res, 200, { id: 1 })
  json(res, 503, {})
})

// @note Every interaction of this list is skipped: writes without probe.allowUnsafe and a
// message interaction.
const neverProbed = [
  typedInteraction('create post', '/posts', { id: 1 }, 'POST'),
  { type: 'Asynchronous/Messages', description: 'post created', contents: { id: 1 } },
  typedInteraction('delete post', '/posts/1', {}, 'DELETE'),
]

beforeEach(() => {
  requests = []
})

async function latest() {
  return JSON.parse(await readFile(join(ws.dir, 'reports/latest.json'), 'utf8'))
}

async function lastVerifiedAt(name: string) {
  const store = createSqliteStore(join(ws.dir, '.upcheck/state.db'))
  try {
    return await store.lastVerifiedAt(name)
  } finally {
    await store.close()
  }
}

describe('a contract that checks nothing', () => {
  it('is an error naming its file and what to change when every interaction is skipped and there is no spec check; the others still run', async () => {
    await ws.writeContract('writes-api', { baseUrl: upstream.origin, interactions: neverProbed })
    await ws.writeContract('posts-api', {
      baseUrl: upstream.origin,
      interactions: [typedInteraction('get post 1', '/posts/1', { id: 1 })],
    })

    const result = await ws.run(['verify'])

    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(
      /contracts\/writes-api\.yaml:\d+:\d+: interactions: nothing to check/,
    )
    expect(result.stderr).toMatch(/probe\.allowUnsafe/)
    expect(result.stderr).toMatch(/upstream\.spec and a baseline/)
    const report = await latest()
    expect(report.contracts.map((c: { name: string }) => c.name)).toEqual(['posts-api'])
    expect(report.contracts[0].status).toBe('verified')
    expect(report.errors).toEqual([
      expect.objectContaining({ file: 'contracts/writes-api.yaml', code: 'CONTRACT_INVALID' }),
    ])
    expect(await lastVerifiedAt('writes-api')).toBeUndefined()
    expect(requests).toEqual(['GET /posts/1'])
  })

  it('is an error when the Pact file has no interactions and there is no spec check', async () => {
    await ws.writeContract('empty-api', { baseUrl: upstream.origin, interactions: [] })

    const result = await ws.run(['verify'])

    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(
      /empty-api\.yaml:\d+:\d+: interactions: nothing to check: the Pact file has no interactions/,
    )
    expect(await lastVerifiedAt('empty-api')).toBeUndefined()
  })

  it('is unreachable, not verified, when every interaction is skipped and the live spec cannot be read', async () => {
    await ws.writeFile(
      'contracts/writes-api.openapi.json',
      JSON.stringify({ openapi: '3.0.3', info: { title: 'w', version: '1' }, paths: {} }),
    )
    await ws.writeContract('writes-api', {
      baseUrl: upstream.origin,
      interactions: neverProbed,
      extra: `baseline: writes-api.openapi.json\n`,
    })
    const contract = await readFile(join(ws.dir, 'contracts/writes-api.yaml'), 'utf8')
    await ws.writeFile(
      'contracts/writes-api.yaml',
      contract.replace('  headers:', `  spec: ${upstream.origin}/openapi.json\n  headers:`),
    )

    const result = await ws.run(['verify'])

    expect(result.code).toBe(3)
    const [entry] = (await latest()).contracts
    expect(entry).toMatchObject({ name: 'writes-api', status: 'unreachable', lastVerifiedAt: null })
    expect(entry.interactions).toMatchObject({ total: 3, skipped: 3 })
    expect(entry.findings).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(
          /^Nothing was checked.*live spec could not be read.*probe\.allowUnsafe/,
        ),
      }),
    )
    expect(await lastVerifiedAt('writes-api')).toBeUndefined()
  })
})
