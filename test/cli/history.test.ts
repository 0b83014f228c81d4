import { existsSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { beforeEach, describe, expect, it } from 'vitest'
import { listSecretForms } from '../../src/text/index.js'
import { startCliProcess } from '../support/cli-process.js'
import { findSecrets, readEveryFile } from '../support/find-secrets.js'
import { sendJson as json, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'

const ws = useProject({ confirm: 0 })
/** What the upstream answers for a post: the recording's shape until a test breaks it. */
let post: Record<string, unknown>
const upstream = useLocalUpstream((_req, res) => json(res, 200, post))

beforeEach(async () => {
  post = { id: 1, title: 'hello' }
  await ws.writeContract('posts-api', {
    baseUrl: upstream.origin,
    interactions: [
      typedInteraction('get post 1', '/posts/1', { id: 1, title: 'hello' }),
      typedInteraction('get post 2', '/posts/2', { id: 2, title: 'hello' }),
    ],
  })
})

/** One green verify, then one broken: the id turns into a string and the title grows past 4 KiB. */
async function verifyGreenThenBroken(env: Record<string, string> = {}) {
  expect((await ws.run(['verify'], env)).code).toBe(0)
  post = { id: '1', title: 'é'.repeat(3000) }
  expect((await ws.run(['verify'], env)).code).toBe(1)
}

async function historyJson(args: string[], env: Record<string, string> = {}) {
  const result = await ws.run(['history', 'posts-api', '--json', ...args], env)
  expect(result.stderr).toBe('')
  return JSON.parse(result.stdout)
}

describe('upcheck history', () => {
  it('lists the runs newest first with their times, status, counts, host and process', async () => {
    await verifyGreenThenBroken()
    const { runs } = await historyJson([])
    expect(runs.map((r: { status: string }) => r.status)).toEqual(['broken', 'verified'])
    expect(runs[0]).toMatchObject({
      contract: 'posts-api',
      counts: { total: 2, passed: 0, failed: 2 },
      host: hostname(),
      pid: process.pid,
      receiptDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
    })
    // A plain verify was fired by no schedule.
    expect(runs[0]).not.toHaveProperty('slot')
    expect(Date.parse(runs[0].finishedAt)).toBeGreaterThanOrEqual(Date.parse(runs[0].startedAt))
    expect((await historyJson(['--limit', '1'])).runs.map((r: { id: string }) => r.id)).toEqual([
      runs[0].id,
    ])

    const text = await ws.run(['history', 'posts-api'])
    expect(text.code).toBe(0)
    const lines = text.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^RUN\s+STATUS\s+STARTED\s+FINISHED\s+SLOT\s+PROBES\s+WORKER$/)
    expect(lines[1]).toContain(runs[0].id)
    expect(lines[1]).toMatch(/broken .* - +0\/2 passed, 2 failed +\S+ \(pid \d+\)$/)
    expect(lines[2]).toContain(runs[1].id)
  })

  it('shows a broken run with its failing exchanges, capped bodies and the receipt that signed them', async () => {
    await verifyGreenThenBroken()
    const [broken, green] = (await historyJson([])).runs
    const shown = await historyJson(['--run', broken.id])
    const receipts = JSON.parse((await ws.run(['receipts', 'posts-api', '--json'])).stdout)
    // Third in the chain: the contract's first sighting, the green run, then this one.
    expect(shown.receipt).toEqual({ sequence: 3, digest: receipts.receipts[0].digest })
    expect(shown.evidenceCheck).toMatchObject({ state: 'intact' })
    expect(shown.run.findings.length).toBeGreaterThan(0)
    const [first, second] = shown.evidence.exchanges
    expect(shown.evidence).toMatchObject({ omitted: 0 })
    expect(second.interaction).toBe('get post 2')
    expect(first).toMatchObject({
      probe: 0,
      interaction: 'get post 1',
      verdict: 'failed',
      attempts: 1,
      request: {
        method: 'GET',
        url: `${upstream.origin}/posts/1`,
        headers: { authorization: 'Bearer <redacted>' },
      },
      response: {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: { encoding: 'utf8', truncated: true },
      },
    })
    const body = first.response.body
    expect(Buffer.byteLength(body.text)).toBeLessThanOrEqual(4096)
    expect(body.bytes).toBe(Buffer.byteLength(JSON.stringify(post)))
    expect(JSON.stringify(post).startsWith(body.text)).toBe(true)

    const text = await ws.run(['history', 'posts-api', '--run', broken.id])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain(`run ${broken.id} of posts-api: broken`)
    expect(text.stdout).toContain(`receipt   #3 ${shown.receipt.digest}`)
    expect(text.stdout).toMatch(/evidence  sha256 [0-9a-f]{64}, as its receipt signed/)
    expect(text.stdout).toContain(`> GET ${upstream.origin}/posts/1`)
    expect(text.stdout).toContain('> authorization: Bearer <redacted>')
    expect(text.stdout).toContain('< 200')
    expect(text.stdout).toMatch(/… \(cut: the first 4 KiB of \d+ bytes\)/)

    // A passing run keeps no evidence at all.
    const passing = await historyJson(['--run', green.id])
    expect(passing.evidence).toBeNull()
    expect(passing.evidenceCheck).toEqual({ state: 'intact' })
  })

  it('keeps the answer of an unreachable run: status, headers, body and why', async () => {
    upstream.handle = (_req, res) =>
      res.writeHead(503, { 'retry-after': '120' }).end('down for maintenance until 10:00')
    expect((await ws.run(['verify'])).code).toBe(3)
    const [run] = (await historyJson([])).runs
    const { evidence } = await historyJson(['--run', run.id])
    expect(evidence.exchanges[0]).toMatchObject({
      verdict: 'unreachable',
      problem: 'server-error: HTTP 503 on the only try',
      response: {
        status: 503,
        headers: { 'retry-after': '120' },
        body: { text: 'down for maintenance until 10:00', truncated: false },
      },
    })
  })

  it('leaves no secret from the environment in the store, the history or the receipts, though the upstream echoes it', async () => {
    const token = 'hist/tok+8c4e1a9f'
    const env = { UPCHECK_TEST_TOKEN: token }
    upstream.handle = (req, res) => {
      const auth = req.headers.authorization ?? ''
      res
        .writeHead(200, { 'content-type': 'application/json', 'x-echo': auth })
        .end(JSON.stringify({ id: `${auth} ${encodeURIComponent(auth)}`, title: auth }))
    }
    expect((await ws.run(['verify'], env)).code).toBe(1)
    expect(upstream.seen[0]?.headers.authorization).toBe(`Bearer ${token}`)
    const list = await ws.run(['history', 'posts-api'], env)
    const listJson = await ws.run(['history', 'posts-api', '--json'], env)
    const [run] = JSON.parse(listJson.stdout).runs
    const shown = await ws.run(['history', 'posts-api', '--run', run.id], env)
    const shownJson = await ws.run(['history', 'posts-api', '--run', run.id, '--json'], env)
    const receipts = await ws.run(['receipts', 'posts-api', '--json'], env)
    // The echo reached the evidence, scrubbed: the test would pass vacuously otherwise.
    expect(JSON.parse(shownJson.stdout).evidence.exchanges[0].response.headers['x-echo']).toBe(
      'Bearer <redacted>',
    )
    const outputs = [list, listJson, shown, shownJson, receipts].flatMap((r, i) => [
      { path: `output ${i} stdout`, text: r.stdout },
      { path: `output ${i} stderr`, text: r.stderr },
    ])
    const leaks = findSecrets(
      [...outputs, ...(await readEveryFile(ws.dir))],
      listSecretForms(token),
    )
    expect(leaks).toEqual([])
  })
})

describe('upcheck history, as a process', () => {
  const cli = (args: string[]) =>
    startCliProcess(args, { cwd: ws.dir, env: { UPCHECK_TEST_TOKEN: 'test-token' } }).exited

  it('says there is no history yet, and creates no store, when nothing was verified', async () => {
    const { code, stdout, stderr } = await cli(['history', 'posts-api'])
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    expect(stdout).toMatch(/^No history of posts-api yet/)
    expect(existsSync(join(ws.dir, '.upcheck'))).toBe(false)
  })

  it('exits 2 for an unknown contract or run id, and 1 when the stored evidence is not what the receipt signed', async () => {
    await verifyGreenThenBroken()
    const [broken] = (await historyJson([])).runs
    const unknownContract = await cli(['history', 'postz-api'])
    expect(unknownContract.code).toBe(2)
    expect(unknownContract.stderr).toMatch(
      /^error: No contract named "postz-api" in contracts\. Did you mean "posts-api"\? Known contracts: posts-api\. \[USAGE\]\n$/,
    )
    const unknownRun = await cli(['history', 'posts-api', '--run', 'no-such-run'])
    expect(unknownRun.code).toBe(2)
    expect(unknownRun.stderr).toMatch(/No run "no-such-run" of posts-api\./)

    const db = new Database(join(ws.dir, '.upcheck/state.db'))
    db.prepare(
      `UPDATE run_evidence SET evidence = replace(evidence, '"status":200', '"status":201')`,
    ).run()
    db.close()
    const tampered = await cli(['history', 'posts-api', '--run', broken.id])
    expect(tampered.code).toBe(1)
    expect(tampered.stdout).toContain('DOES NOT MATCH its receipt')
    expect(tampered.stderr).toMatch(
      new RegExp(`run ${broken.id} of posts-api: its evidence is not what its receipt signed`),
    )
  })
})
