import { spawn } from 'node:child_process'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { loadTrustedKeys, verifyReceiptChain } from '../../src/receipts/index.js'
import { createSqliteStore } from '../../src/store/index.js'
import { createWorkspace, json, startUpstream, typedInteraction } from './helpers/workspace.js'

type Workspace = Awaited<ReturnType<typeof createWorkspace>>
let ws: Workspace
let upstream: Awaited<ReturnType<typeof startUpstream>>

beforeEach(async () => {
  ws = await createWorkspace()
})
afterEach(async () => {
  await upstream?.close()
  await ws.cleanup()
})

/** @note The child runs from the repository so `--import tsx` resolves; the config points it at the workspace. */
async function runCliChild(args: string[]) {
  await ws.writeFile(
    'upcheck.config.yaml',
    'store: .upcheck/state.db\ncontracts: contracts\nreports: reports\n',
  )
  return spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'helpers/run-cli.ts'),
      '--config',
      join(ws.dir, 'upcheck.config.yaml'),
      ...args,
    ],
    {
      env: { ...process.env, UPCHECK_TEST_TOKEN: 'test-token' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
}

it('keeps the store readable and every finished run intact when verify is killed mid-run', async () => {
  let stallArrived: () => void = () => {}
  const stalled = new Promise<void>((resolve) => (stallArrived = resolve))
  upstream = await startUpstream((req, res) => {
    if (req.url === '/stall') {
      stallArrived()
      return // never answers: the run is in flight when the process dies
    }
    json(res, 200, { id: 1 })
  })
  await ws.writeContract('quick-api', upstream.url, [
    typedInteraction('one', '/one', { id: 1 }),
    typedInteraction('two', '/two', { id: 1 }),
  ])
  const first = await runCliChild(['verify', 'quick-api'])
  expect(await new Promise((resolve) => first.on('exit', resolve))).toBe(0)

  await ws.writeContract(
    'stalling-api',
    upstream.url,
    [typedInteraction('ok', '/one', { id: 1 }), typedInteraction('stall', '/stall', { id: 1 })],
    '  concurrency: 1\n',
  )
  const second = await runCliChild(['verify'])
  await stalled
  second.kill('SIGKILL')
  await new Promise((resolve) => second.on('exit', resolve))

  const file = join(ws.dir, '.upcheck/state.db')
  const raw = new Database(file, { readonly: true })
  expect(raw.pragma('integrity_check', { simple: true })).toBe('ok')
  raw.close()
  const store = createSqliteStore(file)
  try {
    const quick = await store.listRuns('quick-api')
    expect(quick.length).toBeGreaterThanOrEqual(1)
    expect(quick.at(-1)).toMatchObject({ status: 'verified', counts: { total: 2, passed: 2 } })
    expect((await store.latestRun('quick-api'))?.probes).toHaveLength(2)
    // The killed run of the stalling contract left nothing half-written.
    expect(await store.listRuns('stalling-api')).toEqual([])
    // One receipt per finished run, chained and signed: no half-written receipt, no gap.
    const receipts = await store.listReceipts('quick-api')
    expect(receipts).toHaveLength(quick.length)
    const trusted = await loadTrustedKeys([join(ws.dir, '.upcheck/keys')])
    expect(
      verifyReceiptChain(
        receipts.map((r) => r.envelope),
        trusted,
      ),
    ).toMatchObject({ verified: quick.length, head: receipts.at(-1)!.digest })
    expect(await store.listReceipts('stalling-api')).toEqual([])
  } finally {
    await store.close()
  }
})
