/**
 * `npm run bench:retention [-- --days 3 --retention-days 1 --contracts 1 --probes 5]`: what a
 * daemon firing every minute does to a SQLite store. Simulated time: each contract records a
 * run (with its signed receipt, as verify does) every minute, a failing one every tenth; every
 * hour the retention prunes as the daemon does. Prints the bytes a run costs (runs, probes and
 * findings; receipts apart), and the file, run rows and receipts at the end of every day.
 * Target: with retention, the runs part stops growing once the retention window is full.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Run } from '../src/model/index.js'
import { buildRunReceipt, openInstanceSigner } from '../src/receipts/index.js'
import { createSqliteStore, pruneHistory } from '../src/store/index.js'

const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`)
  return at === -1 ? fallback : Number(process.argv[at + 1])
}
const days = flag('days', 3)
const retentionDays = flag('retention-days', 1)
const contracts = flag('contracts', 1)
const probesPerRun = flag('probes', 5)
const MINUTE = 60_000
const DAY = 1440 * MINUTE

function runAt(id: string, contract: string, finishedAt: number, broken: boolean): Run {
  const probes: Run['probes'] = Array.from({ length: probesPerRun }, (_, i) => {
    const failed = broken && i === 0
    return {
      interaction: `get item ${i}`,
      operation: 'GET /items/{id}',
      verdict: failed ? 'failed' : 'passed',
      durationMs: 12.5,
      attempts: 1,
      status: 200,
      findings: failed
        ? [
            {
              source: 'probe',
              severity: 'breaking',
              interaction: `get item ${i}`,
              operation: 'GET /items/{id}',
              path: '$.price',
              expected: 'a number',
              actual: 'a string',
              message: `GET /items/${i}: $.price was a number when recorded, now a string`,
            },
          ]
        : [],
    }
  })
  const failed = broken ? 1 : 0
  return {
    id,
    contract,
    status: broken ? 'broken' : 'verified',
    startedAt: new Date(finishedAt - 800).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    counts: {
      total: probesPerRun,
      passed: probesPerRun - failed,
      failed,
      skipped: 0,
      unreachable: 0,
    },
    probes,
    findings: probes.flatMap((p) => p.findings),
  }
}

const dir = await mkdtemp(join(tmpdir(), 'upcheck-retention-'))
const file = join(dir, 'state.db')
try {
  const store = createSqliteStore(file)
  const signer = await openInstanceSigner(file)
  const subjects = [{ name: 'items.pact.json', digest: { sha256: '0'.repeat(64) } }]
  const sizes = () => {
    const db = new Database(file, { readonly: true })
    const pages = (table: string) =>
      (db.prepare(`SELECT sum(pgsize) AS b FROM dbstat WHERE name = ?`).get(table) as { b: number })
        .b ?? 0
    const result = {
      runs: (db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n,
      runBytes: pages('runs') + pages('probe_results') + pages('findings'),
      receiptBytes: pages('receipts'),
    }
    db.close()
    return result
  }
  const fileBytes = async () => {
    const wal = await stat(`${file}-wal`).then(
      (s) => s.size,
      () => 0,
    )
    return (await stat(file)).size + wal
  }

  const start = Date.parse('2026-01-01T00:00:00.000Z')
  const started = performance.now()
  let perThousand: ReturnType<typeof sizes> | undefined
  let recorded = 0
  console.log(
    `retention benchmark: ${contracts} contract(s) × ${probesPerRun} probes, one run a minute for ${days} day(s), retention ${retentionDays} day(s)\n`,
  )
  console.log('| day | run rows | runs+probes+findings MB | receipts MB | file+WAL MB | pruned |')
  console.log('|---|---|---|---|---|---|')
  let pruned = 0
  for (let minute = 1; minute <= days * 1440; minute++) {
    const now = start + minute * MINUTE
    for (let c = 0; c < contracts; c++) {
      const run = runAt(`r${minute}-${c}`, `api-${c}`, now, minute % 10 === 0)
      await store.recordRun(run, undefined, buildRunReceipt(run, subjects, signer))
      recorded++
      if (recorded === 1000) perThousand = sizes()
    }
    if (minute % 60 === 0)
      pruned += await pruneHistory(store, { retentionMs: retentionDays * DAY, now })
    if (minute % 1440 === 0) {
      const s = sizes()
      const mb = (b: number) => (b / 1e6).toFixed(2)
      console.log(
        `| ${minute / 1440} | ${s.runs} | ${mb(s.runBytes)} | ${mb(s.receiptBytes)} | ${mb(await fileBytes())} | ${pruned} |`,
      )
    }
  }
  await store.close()
  if (perThousand)
    console.log(
      `\nper 1,000 runs: ${(perThousand.runBytes / 1e3).toFixed(0)} KB of runs, probes and findings; ${(perThousand.receiptBytes / 1e3).toFixed(0)} KB of receipts (kept forever)`,
    )
  console.log(`${recorded} runs recorded in ${((performance.now() - started) / 1000).toFixed(1)} s`)
} finally {
  await rm(dir, { recursive: true, force: true })
}
