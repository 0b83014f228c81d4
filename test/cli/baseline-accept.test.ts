import { mkdir, readFile, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../../src/store/index.js'
import { sendJson as json, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'
import { getPostById } from '../support/openapi-documents.js'

const ws = useProject()
let liveText: string | undefined
const upstream = useLocalUpstream((req, res) => {
  if (req.url === '/openapi.json') {
    if (liveText === undefined) return json(res, 404, {})
    return res.writeHead(200, { 'content-type': 'application/json' }).end(liveText)
  }
  json(res, 200, { id: 'x' })
})

const spec = (idType: string) =>
  JSON.stringify(
    {
      openapi: '3.0.3',
      info: { title: 'posts', version: idType },
      paths: {
        ...getPostById({ type: 'object', properties: { id: { type: idType } } }),
      },
    },
    null,
    4,
  )

beforeEach(async () => {
  liveText = spec('string')
  await ws.writeFile('contracts/posts-api.openapi.json', spec('integer'))
  await ws.writeContract('posts-api', {
    baseUrl: upstream.origin,
    spec: `${upstream.origin}/openapi.json`,
    interactions: [typedInteraction('get post', '/posts/1', { id: 1 })],
    extra: 'baseline: posts-api.openapi.json\n',
  })
})

describe('upcheck baseline accept', () => {
  it('shows the diff, pins the live spec byte for byte, and records who accepted it', async () => {
    const result = await ws.run(['baseline', 'accept', 'posts-api', '--by', 'Ann Lee'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/GET \/posts\/\{id\}/)
    expect(result.stdout).toMatch(/breaking/)
    expect(result.stdout).toContain('contracts/posts-api.openapi.json now pins')
    expect(await readFile(join(ws.dir, 'contracts/posts-api.openapi.json'), 'utf8')).toBe(liveText)

    const store = createSqliteStore(join(ws.dir, '.upcheck/state.db'))
    try {
      expect(await store.listBaselineAcceptances('posts-api')).toEqual([
        expect.objectContaining({
          contract: 'posts-api',
          acceptedBy: 'Ann Lee',
          source: `${upstream.origin}/openapi.json`,
          baselineFile: 'contracts/posts-api.openapi.json',
          changes: expect.objectContaining({ breaking: 1 }),
        }),
      ])
    } finally {
      await store.close()
    }
    // With the new baseline pinned, the spec check finds nothing more.
    await ws.run(['verify'])
    const report = JSON.parse(await readFile(join(ws.dir, 'reports/latest.json'), 'utf8'))
    expect(
      report.contracts[0].findings.filter((f: { source: string }) => f.source === 'spec'),
    ).toEqual([])
  })

  it('exits 2 and leaves the baseline alone when the live spec cannot be fetched', async () => {
    liveText = undefined
    const result = await ws.run(['baseline', 'accept', 'posts-api'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/SPEC_UNREADABLE/)
    expect(await readFile(join(ws.dir, 'contracts/posts-api.openapi.json'), 'utf8')).toBe(
      spec('integer'),
    )
  })

  it('exits 2 with what to add when the contract has no live spec, and for an unknown contract', async () => {
    await ws.writeContract('plain-api', {
      baseUrl: upstream.origin,
      interactions: [typedInteraction('get post', '/posts/1', { id: 1 })],
    })
    const plain = await ws.run(['baseline', 'accept', 'plain-api'])
    expect(plain.code).toBe(2)
    expect(plain.stderr).toMatch(/contracts\/plain-api\.yaml: upstream\.spec is not set/)
    const unknown = await ws.run(['baseline', 'accept', 'nope'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('No contract named "nope"')
  })

  it('writes a baseline-accepted receipt countersigned by the key from keys create, naming its owner', async () => {
    const created = await ws.run([
      'keys',
      'create',
      '--name',
      'Ann Lee <ann@example.com>',
      '--out',
      'ann.pem',
    ])
    expect(created.code).toBe(0)
    expect(created.stdout).toMatch(/BEGIN PUBLIC KEY[\s\S]*keyid [0-9a-f]{64}/)
    expect(created.stdout).not.toContain('PRIVATE')
    expect((await stat(join(ws.dir, 'ann.pem'))).mode & 0o777).toBe(0o600)
    const keyid = /keyid ([0-9a-f]{64})/.exec(created.stdout)![1]!
    // The team trusts Ann's key by committing its public half to keys/.
    await mkdir(join(ws.dir, 'keys'))
    await ws.writeFile(`keys/${keyid}.pem`, created.stdout.replace(/keyid .*\n$/, ''))

    const accepted = await ws.run(['baseline', 'accept', 'posts-api', '--key', 'ann.pem'])
    expect(accepted.code).toBe(0)
    expect(accepted.stdout).toContain('accepted by Ann Lee <ann@example.com>')
    const listed = JSON.parse((await ws.run(['receipts', 'posts-api', '--json'])).stdout)
    expect(listed.receipts[0]).toMatchObject({
      sequence: 1,
      kind: 'baseline-accepted',
      by: 'Ann Lee <ann@example.com>',
    })
    expect(listed.receipts[0].signers).toHaveLength(2)
    expect(listed.receipts[0].signers[1]).toBe(keyid)
    expect((await ws.run(['receipts', 'posts-api', '--verify'])).code).toBe(0)
    // Without Ann's public key in keys/, her signature is by a key nobody trusts.
    await rm(join(ws.dir, 'keys'), { recursive: true })
    const untrusted = await ws.run(['receipts', 'posts-api', '--verify'])
    expect(untrusted.code).toBe(1)
    expect(untrusted.stderr).toMatch(/posts-api: receipt 1 \(\w+\) unknown-key/)
  })
})
