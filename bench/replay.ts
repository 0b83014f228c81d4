/**
 * `npm run bench:replay [-- N]`: replays N generated interactions (default 1,000; GETs and
 * POSTs with type, regex and min rules) against a local upstream in its own process, three
 * ways in one run: `upcheck verify` as a whole process, a raw undici loop with deep-equal at
 * the same concurrency (the floor), and @pact-foundation/pact's Verifier on the same file.
 * Then the same pair at 10,000 interactions, for the ratio and peak memory.
 *
 * Flags: `--baseline` (the contract pins a baseline), `--rounds N`, `--big-rounds N`, `--no-pact`.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import os, { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { item } from './replay-upstream.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const count = Number(
  process.argv
    .slice(2)
    .find((arg, i, all) => /^\d+$/.test(arg) && !/^--(big-)?rounds$/.test(all[i - 1] ?? '')) ??
    1000,
)
// `--baseline`: the contract pins a baseline that documents the items, so every probe is
// judged spec-aware (the baseline loaded once, consulted on mismatches and once per operation).
const withBaseline = process.argv.includes('--baseline')
const concurrency = 8
const option = (name: string) => {
  const at = process.argv.indexOf(name)
  return at === -1 ? undefined : Number(process.argv[at + 1])
}
/** `--rounds N`: alternating rounds at N interactions (default 5); `--big-rounds N` at 10,000 (default 3). */
const rounds = option('--rounds') ?? 5
const bigRounds = option('--big-rounds') ?? 3
// Reports the child's peak RSS (KB) and CPU time (µs) on stderr as it exits, whatever the program is.
const usageHook = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\n@@USAGE '+u.maxRSS+' '+u.userCPUTime+' '+u.systemCPUTime+'\\n')})`

function pactFor(n: number) {
  const type = { combine: 'AND', matchers: [{ match: 'type' }] }
  const interactions = Array.from({ length: n }, (_, i) => {
    const post = i % 5 === 4
    return {
      type: 'Synchronous/HTTP',
      description: post ? `create item ${i}` : `get item ${i}`,
      key: `i${i}`,
      request: post
        ? {
            method: 'POST',
            path: '/items',
            headers: { 'Content-Type': ['application/json'] },
            body: {
              contentType: 'application/json',
              encoded: false,
              content: { name: `item ${i}` },
            },
          }
        : { method: 'GET', path: `/items/${i}` },
      response: {
        status: post ? 201 : 200,
        headers: { 'Content-Type': ['application/json'] },
        body: { contentType: 'application/json', encoded: false, content: item(i, 1) },
        matchingRules: {
          body: {
            $: type,
            '$.tags': { combine: 'AND', matchers: [{ match: 'type', min: 1 }] },
            '$.createdAt': {
              combine: 'AND',
              matchers: [
                { match: 'regex', regex: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$' },
              ],
            },
            '$.id': { combine: 'AND', matchers: [{ match: 'integer' }] },
          },
        },
      },
    }
  })
  return {
    consumer: { name: 'bench' },
    provider: { name: 'bench-api' },
    interactions,
    metadata: { pactSpecification: { version: '4.0' } },
  }
}

/** What the bench upstream's items are, as its owner would document them. */
const itemSchema = {
  type: 'object',
  required: ['id', 'name', 'price', 'inStock', 'tags', 'createdAt', 'owner'],
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    price: { type: 'number' },
    inStock: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string', format: 'date-time' },
    owner: {
      type: 'object',
      properties: { id: { type: 'integer' }, name: { type: 'string', nullable: true } },
    },
  },
}
const answers = (status: string) => ({
  [status]: {
    description: 'an item',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
  },
})
const baselineDocument = {
  openapi: '3.0.3',
  info: { title: 'bench', version: '1' },
  paths: {
    '/items': { post: { responses: answers('201') } },
    '/items/{id}': {
      get: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: answers('200'),
      },
    },
  },
  components: { schemas: { Item: itemSchema } },
}

/** One whole process: wall seconds, CPU seconds (user + system) and peak RSS, as it reports them itself. */
interface Timed {
  seconds: number
  cpuSeconds: number
  rssMb: number
  code: number
  stdout: string
  stderr: string
}

async function timed(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const started = process.hrtime.bigint()
  return new Promise<Timed>((resolve) => {
    const child = spawn(process.execPath, ['--import', usageHook, ...args], {
      cwd: options.cwd ?? root,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      const [rssKb = 0, userUs = 0, systemUs = 0] = (
        stderr.match(/@@USAGE (\d+) (\d+) (\d+)/)?.slice(1) ?? []
      ).map(Number)
      resolve({
        seconds,
        cpuSeconds: (userUs + systemUs) / 1e6,
        rssMb: rssKb / 1024,
        code: code ?? -1,
        stdout,
        stderr,
      })
    })
  })
}

const middle = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

function median(runs: Timed[]) {
  return {
    seconds: middle(runs.map((r) => r.seconds)),
    cpuSeconds: middle(runs.map((r) => r.cpuSeconds)),
    rssMb: middle(runs.map((r) => r.rssMb)),
  }
}

/** Median of the per-round ratios: each round's two runs met the same machine load. */
function pairedRatio(ours: Timed[], raw: Timed[], field: 'seconds' | 'cpuSeconds') {
  return middle(ours.map((run, i) => run[field] / raw[i]![field]))
}

/** Alternates upcheck and the raw loop, `n` rounds after one warm-up of each. */
async function alternate(n: number, verify: string[], rawArgs: string[], cwd: string) {
  await timed(verify, { cwd })
  await timed(rawArgs)
  const ours: Timed[] = []
  const raw: Timed[] = []
  for (let round = 0; round < n; round++) {
    const run = await timed(verify, { cwd })
    if (run.code !== 0)
      throw new Error(`upcheck verify exited ${run.code}: ${run.stderr.slice(0, 2000)}`)
    ours.push(run)
    raw.push(await timed(rawArgs))
  }
  return { ours, raw }
}

async function startUpstream() {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench/replay-upstream.ts')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const port = await new Promise<number>((resolve) =>
    child.stdout.once('data', (d) => resolve(Number(String(d).trim()))),
  )
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() }
}

async function workspace(n: number, baseUrl: string) {
  const dir = await mkdtemp(join(tmpdir(), 'upcheck-bench-'))
  await mkdir(join(dir, 'contracts'))
  await writeFile(join(dir, 'contracts/bench-api.pact.json'), JSON.stringify(pactFor(n)))
  if (withBaseline)
    await writeFile(join(dir, 'contracts/bench-api.openapi.json'), JSON.stringify(baselineDocument))
  await writeFile(
    join(dir, 'contracts/bench-api.yaml'),
    `name: bench-api\nowner: Bench <bench@example.com>\nupstream:\n  baseUrl: ${baseUrl}\n  headers:\n    Authorization: Bearer bench\ninteractions: bench-api.pact.json\n${withBaseline ? 'baseline: bench-api.openapi.json\n' : ''}probe:\n  concurrency: ${concurrency}\n  ratePerSecond: 10000\n  allowUnsafe: true\n  retries: 0\n`,
  )
  return dir
}

const upstream = await startUpstream()
type Row = { name: string; n: number; seconds: number; cpuSeconds: number; rssMb: number }
const rows: Row[] = []
const ratios: { n: number; wall: number; cpu: number }[] = []
const verifyArgs = (dir: string) => [
  join(root, 'bin/upcheck.js'),
  '--contracts',
  join(dir, 'contracts'),
  '--reports',
  join(dir, 'reports'),
  '--quiet',
  'verify',
]
const rawArgsFor = (dir: string) => [
  join(root, 'bench/raw-replay.mjs'),
  join(dir, 'contracts/bench-api.pact.json'),
  upstream.url,
  String(concurrency),
]
/** upcheck against the raw loop at `n` interactions, alternating, on one generated workspace. */
async function compare(n: number, times: number) {
  const dir = await workspace(n, upstream.url)
  const { ours, raw } = await alternate(times, verifyArgs(dir), rawArgsFor(dir), dir)
  rows.push({ name: `upcheck verify (median of ${times})`, n, ...median(ours) })
  rows.push({ name: `raw undici loop + deep-equal (floor, median of ${times})`, n, ...median(raw) })
  ratios.push({
    n,
    wall: pairedRatio(ours, raw, 'seconds'),
    cpu: pairedRatio(ours, raw, 'cpuSeconds'),
  })
  return dir
}
/** `--no-pact`: skip Pact's Verifier (slow, and only for the throughput comparison). */
const withPact = !process.argv.includes('--no-pact')
let pact: Timed | undefined
try {
  const dir = await compare(count, rounds)
  if (withPact)
    pact = await timed(
      [
        join(root, 'test/support/run-pact-verifier.mjs'),
        join(dir, 'contracts/bench-api.pact.json'),
        upstream.url,
      ],
      { env: { PACT_DO_NOT_TRACK: 'true' } },
    )
  if (pact) rows.push({ name: 'Pact Verifier', n: count, ...pact })
  await rm(dir, { recursive: true, force: true })
  await rm(await compare(10_000, bigRounds), { recursive: true, force: true })
} finally {
  upstream.stop()
}

console.log(
  `\nreplay benchmark, concurrency ${concurrency}, ratePerSecond 10000, 20% POST, upstream in its own process${withBaseline ? ', contract with a baseline' : ''}; Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)} at the end\n`,
)
console.log('| run | interactions | wall s | CPU s | interactions/s | peak RSS MB |')
console.log('|---|---|---|---|---|---|')
for (const r of rows)
  console.log(
    `| ${r.name} | ${r.n} | ${r.seconds.toFixed(2)} | ${r.cpuSeconds.toFixed(2)} | ${Math.round(r.n / r.seconds)} | ${r.rssMb.toFixed(0)} |`,
  )
console.log('')
for (const r of ratios)
  console.log(
    `upcheck / raw loop at ${r.n}: wall ${r.wall.toFixed(2)}×, CPU ${r.cpu.toFixed(2)}× (median of paired rounds; target wall ≤ 1.3×)`,
  )
const ours = rows[0]!
if (pact)
  console.log(
    `upcheck / Pact Verifier throughput: ${(pact.seconds / ours.seconds).toFixed(1)}× (target ≥ 20×)`,
  )
const big = rows.find((r) => r.n === 10_000 && r.name.startsWith('upcheck'))!
console.log(`peak RSS at 10,000 interactions: ${big.rssMb.toFixed(0)} MB (target ≤ 150 MB)`)
console.log(
  'CPU ratios are the steadier figure on a busy machine; wall ratios need a quiet one. At 10,000 the contract ratePerSecond (10,000) alone makes the probes take ≥ 1 s.',
)
