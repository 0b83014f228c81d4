/**
 * `npm run bench:schedule [-- --contracts 500 --minutes 5 --max-runs 128]`: runs `upcheck schedule` (the
 * built CLI, in its own process) on N contracts × 10 interactions, each on a one-minute cron,
 * against local upstreams in this process, for M minutes. Reports missed and late fires from
 * the daemon's own /metrics and store, its CPU time and its peak RSS.
 * Targets: no missed fire, peak RSS ≤ 250 MB.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { readProc, startUpstream, writeProject } from './schedule-project.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`)
  return at === -1 ? fallback : Number(process.argv[at + 1])
}
const contractCount = flag('contracts', 500)
const minutes = flag('minutes', 5)
const maxRuns = flag('max-runs', 128)
const interactionsPer = 10
const upstreamCount = 10

function metric(text: string, pattern: RegExp): number {
  let sum = 0
  for (const match of text.matchAll(pattern)) sum += Number(match[1])
  return sum
}

const dir = await mkdtemp(join(tmpdir(), 'upcheck-bench-schedule-'))
const upstreams = await Promise.all(Array.from({ length: upstreamCount }, startUpstream))
try {
  await writeProject(dir, upstreams, {
    contracts: contractCount,
    interactions: interactionsPer,
    store: '.upcheck/state.db',
  })
  console.log(
    `bench:schedule: ${contractCount} contracts × ${interactionsPer} interactions, every minute, for ${minutes} min, against ${upstreamCount} local upstreams, --max-runs ${maxRuns}`,
  )
  const child = spawn(
    process.execPath,
    [join(root, 'bin', 'upcheck.js'), 'schedule', '--port', '0', '--max-runs', String(maxRuns)],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d))
  let stdoutTail = ''
  const url = await new Promise<string>((resolve, reject) => {
    child.on('exit', (code) =>
      reject(new Error(`the daemon exited (${code}) before serving: ${stderr}`)),
    )
    child.stdout.on('data', (d: Buffer) => {
      stdoutTail = (stdoutTail + d).slice(-4096)
      const found = /status page on (http:\/\/\S+)/.exec(stdoutTail)
      if (found) resolve(found[1]!)
    })
  })
  const startedAt = Date.now()
  const cpuAtStart = (await readProc(child.pid!)).cpuSeconds
  // Slots counted: every minute boundary after the start, up to the end of the window.
  const firstSlot = Math.ceil(startedAt / 60_000) * 60_000
  const lastSlot = Math.floor((startedAt + minutes * 60_000) / 60_000) * 60_000
  const slots = (lastSlot - firstSlot) / 60_000 + 1
  let peakSampled = 0
  let scrapes = 0
  const sampler = setInterval(() => {
    void readProc(child.pid!).then(
      (p) => (peakSampled = Math.max(peakSampled, p.rssMb)),
      () => {},
    )
  }, 1000)
  // Prometheus would scrape every 15 s; so does this, so /metrics is part of the load.
  const scraper = setInterval(() => {
    void fetch(new URL('metrics', url))
      .then((r) => r.text())
      .then(
        () => scrapes++,
        () => {},
      )
  }, 15_000)
  // Let the last slot's runs finish (a run takes about a second at 10 requests/s).
  await new Promise((resolve) => setTimeout(resolve, lastSlot + 20_000 - Date.now()))
  clearInterval(sampler)
  clearInterval(scraper)

  const metrics = await (await fetch(new URL('metrics', url))).text()
  const proc = await readProc(child.pid!)
  const wallSeconds = (Date.now() - startedAt) / 1000
  const stopStarted = Date.now()
  child.kill('SIGTERM')
  const [exitCode] = (await once(child, 'exit')) as [number | null]
  const stopSeconds = (Date.now() - stopStarted) / 1000

  const db = new Database(join(dir, '.upcheck', 'state.db'), { readonly: true })
  const runs = db
    .prepare(
      `SELECT contract, started_at AS startedAt, finished_at AS finishedAt, status FROM runs`,
    )
    .all() as { contract: string; startedAt: string; finishedAt: string; status: string }[]
  db.close()
  const inWindow = runs.filter((r) => {
    const t = Date.parse(r.startedAt)
    return t >= firstSlot && t < lastSlot + 60_000
  })
  const perSlot = new Map<number, Set<string>>()
  for (const r of inWindow) {
    const slot = Math.floor(Date.parse(r.startedAt) / 60_000) * 60_000
    if (!perSlot.has(slot)) perSlot.set(slot, new Set())
    perSlot.get(slot)!.add(r.contract)
  }
  let missed = 0
  for (let slot = firstSlot; slot <= lastSlot; slot += 60_000)
    missed += contractCount - (perSlot.get(slot)?.size ?? 0)
  const startDelays = inWindow
    .map((r) => Date.parse(r.startedAt) - Math.floor(Date.parse(r.startedAt) / 60_000) * 60_000)
    .sort((a, b) => a - b)
  const durations = inWindow
    .map((r) => Date.parse(r.finishedAt) - Date.parse(r.startedAt))
    .sort((a, b) => a - b)
  const pct = (list: number[], p: number) =>
    list[Math.min(list.length - 1, Math.floor(list.length * p))] ?? 0
  const late = (seconds: number) => startDelays.filter((d) => d > seconds * 1000).length
  const cpuSeconds = proc.cpuSeconds - cpuAtStart

  const result = {
    contracts: contractCount,
    interactionsPerContract: interactionsPer,
    minutes,
    maxRuns,
    slots,
    expectedRuns: slots * contractCount,
    runsInWindow: inWindow.length,
    verified: inWindow.filter((r) => r.status === 'verified').length,
    missedFires: missed,
    skippedWhileRunning: metric(
      metrics,
      /^upcheck_fires_skipped_total\{[^}]*reason="still-running"[^}]*\} (\d+)/gm,
    ),
    missedByCron: metric(
      metrics,
      /^upcheck_fires_skipped_total\{[^}]*reason="missed"[^}]*\} (\d+)/gm,
    ),
    fireDelayOver1s:
      metric(metrics, /^upcheck_fire_delay_seconds_count (\d+)/gm) -
      metric(metrics, /^upcheck_fire_delay_seconds_bucket\{le="1"\} (\d+)/gm),
    runStartDelayMs: {
      p50: pct(startDelays, 0.5),
      p95: pct(startDelays, 0.95),
      max: startDelays.at(-1) ?? 0,
    },
    runsStartedOver1sLate: late(1),
    runsStartedOver5sLate: late(5),
    runDurationMs: {
      p50: pct(durations, 0.5),
      p95: pct(durations, 0.95),
      max: durations.at(-1) ?? 0,
    },
    cpuSeconds: Number(cpuSeconds.toFixed(1)),
    cpuPercentOfOneCore: Number(((cpuSeconds / wallSeconds) * 100).toFixed(1)),
    peakRssMb: Math.round(Math.max(proc.peakRssMb, peakSampled)),
    rssAtEndMb: Math.round(proc.rssMb),
    metricsScrapes: scrapes,
    sigtermExitCode: exitCode,
    sigtermSeconds: Number(stopSeconds.toFixed(2)),
    daemonWarnings: stderr.split('\n').filter((l) => l.includes('warning')).length,
  }
  console.table(
    Object.entries(result).map(([figure, value]) => ({
      figure,
      value: typeof value === 'object' ? JSON.stringify(value) : value,
    })),
  )
  const pass = result.missedFires === 0 && result.peakRssMb <= 250 && exitCode === 0
  console.log(
    `targets: no missed fire (${result.missedFires}), peak RSS ≤ 250 MB (${result.peakRssMb} MB): ${pass ? 'met' : 'NOT met'}`,
  )
  await mkdir(join(root, 'bench', 'results'), { recursive: true })
  await writeFile(
    join(root, 'bench', 'results', 'schedule.json'),
    `${JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2)}\n`,
  )
  if (stderr.trim())
    console.log(`daemon stderr (first lines):\n${stderr.split('\n').slice(0, 10).join('\n')}`)
  process.exitCode = pass ? 0 : 1
} finally {
  for (const server of upstreams) server.close()
  await rm(dir, { recursive: true, force: true })
}
