import { join } from 'node:path'
import Database from 'better-sqlite3'
import { expect, it } from 'vitest'
import { loadTrustedKeys, verifyReceiptChain } from '../../src/receipts/index.js'
import { createSqliteStore } from '../../src/store/index.js'
import { startCliProcess } from '../support/cli-process.js'
import { sendJson as json, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'

const ws = useProject()
const upstream = useLocalUpstream()
const env = { UPCHECK_TEST_TOKEN: 'test-token' }

it('keeps the store readable and every finished run intact when verify is killed mid-run', async () => {
  let stallArrived: () => void = () => {}
  const stalled = new Promise<void>((resolve) => (stallArrived = resolve))
  upstream.handle = (req, res) => {
    if (req.url === '/stall') {
      stallArrived()
      return // never answers: the run is in flight when the process dies
    }
    json(res, 200, { id: 1 })
  }
  await ws.writeContract('quick-api', {
    baseUrl: upstream.origin,
    interactions: [
      typedInteraction('one', '/one', { id: 1 }),
      typedInteraction('two', '/two', { id: 1 }),
    ],
  })
  const first = startCliProcess(['verify', 'quick-api'], { cwd: ws.dir, env })
  expect((await first.exited).code).toBe(0)

  await ws.writeContract('stalling-api', {
    baseUrl: upstream.origin,
    interactions: [
      typedInteraction('ok', '/one', { id: 1 }),
      typedInteraction('stall', '/stall', { id: 1 }),
    ],
    extra: '  concurrency: 1\n',
  })
  const second = startCliProcess(['verify'], { cwd: ws.dir, env })
  await stalled
  await second.stop('SIGKILL')

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
    // One receipt per finished run after its first sighting, chained and signed: no
    // half-written receipt, no gap.
    const receipts = await store.listReceipts('quick-api')
    expect(receipts.map((r) => r.kind)).toEqual(['contract-added', ...quick.map(() => 'run')])
    const trusted = await loadTrustedKeys([join(ws.dir, '.upcheck/keys')])
    expect(
      verifyReceiptChain(
        receipts.map((r) => r.envelope),
        trusted,
      ),
    ).toMatchObject({ verified: receipts.length, head: receipts.at(-1)!.digest })
    // Seen, but its killed run left no receipt.
    expect((await store.listReceipts('stalling-api')).map((r) => r.kind)).toEqual([
      'contract-added',
    ])
  } finally {
    await store.close()
  }
})
