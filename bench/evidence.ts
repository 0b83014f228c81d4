/**
 * `npm run bench:evidence`: what keeping a broken run's evidence costs. Verifies a contract
 * in-process against a local upstream (its own process) and reports, per run, the growth of
 * the SQLite store in bytes (after a WAL checkpoint) and the stored evidence's size, for a
 * verified run, a run with one failing probe whose answer is 8 KiB, and a run whose 1,000
 * probes all fail (ten exchanges kept); then the CPU time of a verify of 1,000 probes, all
 * passing and all failing (median of 5), since passing probes must not pay for evidence.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, mkdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { main } from '../src/cli/main.js'

const upstreamSource = `
const { createServer } = require('node:http')
let failing = false
createServer((req, res) => {
  if (req.url === '/fail') { failing = true; return res.end() }
  if (req.url === '/pass') { failing = false; return res.end() }
  const id = Number(req.url.split('/').pop())
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(JSON.stringify(failing ? { id: String(id), note: 'x'.repeat(8192) } : { id, note: 'ok' }))
}).listen(0, '127.0.0.1', function () { console.log(this.address().port) })
`

async function startUpstream() {
  const child = spawn(process.execPath, ['-e', upstreamSource], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await new Promise<number>((resolve) =>
    child.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))),
  )
  const origin = `http://127.0.0.1:${port}`
  return {
    origin,
    set: async (mode: 'fail' | 'pass') => void (await fetch(`${origin}/${mode}`)).text(),
    close: () => child.kill(),
  }
}

function pactFor(count: number) {
  return {
    consumer: { name: 'bench' },
    provider: { name: 'bench-api' },
    interactions: Array.from({ length: count }, (_, i) => ({
      type: 'Synchronous/HTTP',
      description: `get item ${i}`,
      request: { method: 'GET', path: `/items/${i}` },
      response: {
        status: 200,
        headers: { 'Content-Type': ['application/json'] },
        body: { contentType: 'application/json', encoded: false, content: { id: i, note: 'ok' } },
        matchingRules: { body: { $: { combine: 'AND', matchers: [{ match: 'type' }] } } },
      },
    })),
    metadata: { pactSpecification: { version: '4.0' } },
  }
}

async function project(origin: string, count: number) {
  const dir = await mkdtemp(join(tmpdir(), 'upcheck-bench-evidence-'))
  await mkdir(join(dir, 'contracts'))
  await writeFile(
    join(dir, 'contracts/items.yaml'),
    [
      'name: items',
      'owner: Bench <bench@example.com>',
      'upstream:',
      `  baseUrl: ${origin}`,
      '  headers:',
      '    Authorization: Bearer ${BENCH_TOKEN}',
      'interactions: items.pact.json',
      'probe:',
      '  retries: 0',
      '  confirm: 0',
      '  concurrency: 8',
      '  ratePerSecond: 10000',
    ].join('\n'),
  )
  await writeFile(join(dir, 'contracts/items.pact.json'), JSON.stringify(pactFor(count)))
  const verify = async () => {
    const io = {
      stdout: { write: () => true },
      stderr: { write: (s: string) => void process.stderr.write(s) },
      env: { BENCH_TOKEN: 'bench-token-123' },
      cwd: () => dir,
    }
    return main(['verify', '--quiet', '--no-alerts'], io)
  }
  const storeBytes = async () => {
    const file = join(dir, '.upcheck/state.db')
    const db = new Database(file)
    db.pragma('wal_checkpoint(TRUNCATE)')
    const evidence = db
      .prepare<[], { n: number | null }>('SELECT max(length(evidence)) AS n FROM run_evidence')
      .get()?.n
    db.close()
    return { bytes: (await stat(file)).size, evidence: evidence ?? 0 }
  }
  return { verify, storeBytes, remove: () => rm(dir, { recursive: true, force: true }) }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!

async function growthPerRun(origin: string, count: number, runs: number) {
  const p = await project(origin, count)
  await p.verify() // the store's tables and the instance key, not counted
  const before = await p.storeBytes()
  for (let i = 0; i < runs; i++) await p.verify()
  const after = await p.storeBytes()
  await p.remove()
  return { perRun: Math.round((after.bytes - before.bytes) / runs), evidence: after.evidence }
}

async function cpuPerVerify(origin: string, count: number) {
  const p = await project(origin, count)
  await p.verify()
  const samples: number[] = []
  for (let i = 0; i < 5; i++) {
    const start = process.cpuUsage()
    await p.verify()
    const used = process.cpuUsage(start)
    samples.push((used.user + used.system) / 1000)
  }
  await p.remove()
  return median(samples)
}

const upstream = await startUpstream()
try {
  const runs = 20
  await upstream.set('pass')
  const verified = await growthPerRun(upstream.origin, 3, runs)
  await upstream.set('fail')
  const oneFailing = await growthPerRun(upstream.origin, 1, runs)
  const allFailing = await growthPerRun(upstream.origin, 1000, 5)
  console.log(`store growth per run (bytes, SQLite file after a checkpoint, over ${runs} runs):`)
  console.log(`  verified, 3 probes:                 ${verified.perRun}`)
  console.log(
    `  broken, 1 probe, 8 KiB answer:      ${oneFailing.perRun} (evidence ${oneFailing.evidence})`,
  )
  console.log(
    `  broken, 1,000 of 1,000 failing:     ${allFailing.perRun} (evidence ${allFailing.evidence}, 10 exchanges kept)`,
  )
  await upstream.set('pass')
  const passing = await cpuPerVerify(upstream.origin, 1000)
  await upstream.set('fail')
  const failing = await cpuPerVerify(upstream.origin, 1000)
  console.log('CPU per verify of 1,000 probes, in-process, median of 5:')
  console.log(`  all passing: ${passing.toFixed(0)} ms`)
  console.log(`  all failing: ${failing.toFixed(0)} ms`)
} finally {
  upstream.close()
}
