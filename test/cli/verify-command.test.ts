import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../../src/store/index.js'
import { sendJson as json, useLocalUpstream } from '../support/local-upstream.js'
import { createProject, typedInteraction, useProject } from '../support/project.js'

const ws = useProject()
let day = 1
const upstream = useLocalUpstream(
  (req, res) => {
    if (req.headers.authorization !== 'Bearer test-token')
      return json(res, 401, { error: 'unauthorized' })
    if (req.url === '/api/posts/1')
      return json(res, 200, {
        id: day,
        title: `title ${day}`,
        views: day * 10,
        updatedAt: new Date(Date.UTC(2026, 0, day)).toISOString(),
      })
    if (req.url === '/api/posts') return json(res, 200, [{ id: day, title: 'x' }])
    json(res, 404, { error: 'not found' })
  },
  { scope: 'test' },
) // a test closes it

beforeEach(async () => {
  day = 1
  await ws.writeContract('posts-api', {
    baseUrl: `${upstream.origin}/api`,
    interactions: [
      typedInteraction('get post 1', '/posts/1', {
        id: 1,
        title: 'hello',
        views: 3,
        updatedAt: '2025-01-01T00:00:00.000Z',
      }),
      typedInteraction('list posts', '/posts', [{ id: 1, title: 'hello' }]),
      typedInteraction('create post', '/posts', { id: 1 }, 'POST'),
    ],
  })
})

async function latest() {
  return JSON.parse(await readFile(join(ws.dir, 'reports/latest.json'), 'utf8'))
}

describe('upcheck verify', () => {
  it('exits 0 and reports verified given an upstream whose values change but whose shapes do not', async () => {
    day = 17
    const result = await ws.run(['verify'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(
      /✔ verified {2}posts-api {2}2\/3 passed, 1 skipped {2}last verified just now/,
    )
    const report = await latest()
    expect(report.contracts[0]).toMatchObject({
      name: 'posts-api',
      owner: 'Ann Lee <ann@example.com>',
      status: 'verified',
      stale: false,
      interactions: { total: 3, passed: 2, failed: 0, skipped: 1, unreachable: 0 },
      findings: [],
    })
    expect(report.contracts[0].lastVerifiedAt).toBe(report.contracts[0].run.finishedAt)
    expect((await readdir(join(ws.dir, 'reports'))).sort()).toEqual([
      'badges',
      'index.html',
      'junit.xml',
      'latest.json',
      'summary.md',
    ])
  })

  it('exits 1 with the finding when a field changes type, and keeps the earlier last-verified time', async () => {
    await ws.run(['verify'])
    const verifiedAt = (await latest()).contracts[0].lastVerifiedAt
    upstream.handle = (req, res) =>
      json(
        res,
        200,
        req.url === '/api/posts/1'
          ? { id: 'one', title: 't', views: 1, updatedAt: 'x' }
          : [{ id: 2, title: 'y' }],
      )
    const result = await ws.run(['verify'])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/✘ broken {2}posts-api/)
    expect(result.stdout).toContain('get post 1')
    const report = await latest()
    expect(report.contracts[0]).toMatchObject({ status: 'broken', lastVerifiedAt: verifiedAt })
    expect(report.contracts[0].findings).toContainEqual(
      expect.objectContaining({
        source: 'probe',
        severity: 'breaking',
        interaction: 'get post 1',
        path: '$.id',
      }),
    )
  })

  it('exits 3 when the upstream refuses connections', async () => {
    await upstream.close()
    const result = await ws.run(['verify'])
    expect(result.code).toBe(3)
    expect((await latest()).contracts[0].findings[0].message).toMatch(
      /unreachable \(connection-refused\)/,
    )
  })

  it('exits 2 for a bad contract beside a good one, and still verifies the good one', async () => {
    await ws.writeFile(
      'contracts/broken.yaml',
      'name: broken\nowner: Ann <ann@example.com>\nupstrem:\n  baseUrl: http://127.0.0.1:1\n',
    )
    const result = await ws.run(['verify'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/broken\.yaml:\d+:\d+/)
    expect(result.stderr).not.toMatch(/\n\s+at /)
    const report = await latest()
    expect(
      report.contracts.map((c: { name: string; status: string }) => [c.name, c.status]),
    ).toEqual([['posts-api', 'verified']])
    expect(report.errors[0]).toMatchObject({ code: 'CONTRACT_INVALID' })
  })

  it('exits 1, not 2, when one contract is broken and another unreadable', async () => {
    await ws.writeFile('contracts/broken.yaml', 'name: [unclosed')
    upstream.handle = (_req, res) => json(res, 200, { id: 'one' })
    expect((await ws.run(['verify'])).code).toBe(1)
  })

  it('exits 2 naming the Pact file when the interactions cannot be read', async () => {
    await ws.writeFile('contracts/posts-api.pact.json', '{ "interactions": [ ')
    const result = await ws.run(['verify'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('posts-api.pact.json')
  })

  it('exits 2 naming the variable when the token is not set', async () => {
    const result = await ws.run(['verify'], { UPCHECK_TEST_TOKEN: '' })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('UPCHECK_TEST_TOKEN')
  })

  it('exits 2 for an unknown contract name and lists the known ones', async () => {
    const result = await ws.run(['verify', 'nope'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('No contract named "nope"')
    expect(result.stderr).toContain('posts-api')
  })

  it('prints latest.json on stdout with --json and nothing else', async () => {
    const result = await ws.run(['--json', 'verify'])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual(await latest())
  })

  it('never writes the token from the environment to reports, store or output, even when the upstream echoes it', async () => {
    const secret = 'sk_test_planted_51Hx9Q'
    upstream.handle = (req, res) => {
      if (req.headers.authorization !== `Bearer ${secret}`) return json(res, 401, {})
      // An upstream that echoes the credential back in a field whose type changed.
      json(
        res,
        200,
        req.url === '/api/posts/1'
          ? { id: req.headers.authorization, title: 't', views: 1, updatedAt: 'x' }
          : [{ id: 1, title: secret }],
      )
    }
    const result = await ws.run(['verify'], { UPCHECK_TEST_TOKEN: secret })
    expect(result.code).toBe(1)
    const outputs = [result.stdout, result.stderr]
    for (const dir of ['reports', '.upcheck']) {
      for (const entry of await readdir(join(ws.dir, dir), {
        withFileTypes: true,
        recursive: true,
      }))
        if (entry.isFile())
          outputs.push((await readFile(join(entry.parentPath, entry.name))).toString('latin1'))
    }
    // Receipt payloads are base64 in the store: read them decoded, as an auditor would.
    const store = createSqliteStore(join(ws.dir, '.upcheck/state.db'))
    const receipts = await store.listReceipts('posts-api')
    await store.close()
    expect(receipts.map((r) => r.kind)).toEqual(['contract-added', 'run'])
    for (const { envelope } of receipts)
      outputs.push(Buffer.from(envelope.payload, 'base64').toString('utf8'))
    expect(outputs.join('\n')).toContain('<redacted>')
    for (const output of outputs) expect(output).not.toContain(secret)
  })
})

describe('upcheck status', () => {
  it('shows each contract with owner, status, last verified and staleness', async () => {
    const before = await ws.run(['status'])
    expect(before.stdout).toMatch(
      /posts-api\s+Ann Lee <ann@example.com>\s+never run\s+never\s+stale/,
    )
    await ws.run(['verify'])
    const after = await ws.run(['status'])
    expect(after.code).toBe(0)
    expect(after.stdout).toMatch(/posts-api\s+Ann Lee <ann@example.com>\s+verified\s+just now\s+no/)
  })
})

describe('upcheck init', () => {
  it('writes an example contract that loads, and refuses to overwrite it', async () => {
    const fresh = await createProject()
    try {
      const first = await fresh.run(['init'])
      expect(first.code).toBe(0)
      expect(first.stdout).toContain('contracts/example-api.yaml')
      const status = await fresh.run(['status'])
      expect(status.code).toBe(0)
      expect(status.stdout).toContain('example-api')
      const second = await fresh.run(['init'])
      expect(second.code).toBe(2)
      expect(second.stderr).toContain('already exists')
    } finally {
      await fresh.cleanup()
    }
  })
})
