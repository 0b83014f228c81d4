/**
 * `npm run bench:replay [-- N]`: replays N generated interactions (default 1,000; GETs and
 * POSTs with type, regex and min rules) against a local upstream in its own process, three
 * ways in one run: `upcheck verify` as a whole process, a raw undici loop with deep-equal at
 * the same concurrency (the floor), and @pact-foundation/pact's Verifier on the same file.
 * Then `upcheck verify` alone at 10,000 interactions for peak memory.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { item } from './replay-upstream.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const count = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 1000)
// `--baseline`: the contract pins a baseline that documents the items, so every probe is
// judged spec-aware (the baseline loaded once, consulted on mismatches and once per operation).
const withBaseline = process.argv.includes('--baseline')
const concurrency = 8
const rounds = 5
// Reports the child's peak RSS on stderr as it exits, whatever the program is.
const peakRssHook = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\n@@MAXRSS '+process.resourceUsage().maxRSS+'\\n'))`

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

async function timed(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const started = process.hrtime.bigint()
  return new Promise<{
    seconds: number
    rssMb: number
    code: number
    stdout: string
    stderr: string
  }>((resolve) => {
    const child = spawn(process.execPath, ['--import', peakRssHook, ...args], {
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
      const rssKb = Number(stderr.match(/@@MAXRSS (\d+)/)?.[1] ?? 0)
      resolve({ seconds, rssMb: rssKb / 1024, code: code ?? -1, stdout, stderr })
    })
  })
}

function median(runs: { seconds: number; rssMb: number }[]) {
  const middle = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!
  return { seconds: middle(runs.map((r) => r.seconds)), rssMb: middle(runs.map((r) => r.rssMb)) }
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
const rows: { name: string; seconds: number; rssMb: number; n: number }[] = []
try {
  const dir = await workspace(count, upstream.url)
  const verify = [
    join(root, 'bin/upcheck.js'),
    '--contracts',
    join(dir, 'contracts'),
    '--reports',
    join(dir, 'reports'),
    '--quiet',
    'verify',
  ]
  const rawArgs = [
    join(root, 'bench/raw-replay.mjs'),
    join(dir, 'contracts/bench-api.pact.json'),
    upstream.url,
    String(concurrency),
  ]
  // A warm-up of each, then rounds that alternate the two so drift on the machine hits both alike.
  await timed(verify, { cwd: dir })
  await timed(rawArgs)
  const oursRuns: Awaited<ReturnType<typeof timed>>[] = []
  const rawRuns: Awaited<ReturnType<typeof timed>>[] = []
  for (let round = 0; round < rounds; round++) {
    const ours = await timed(verify, { cwd: dir })
    if (ours.code !== 0)
      throw new Error(`upcheck verify exited ${ours.code}: ${ours.stderr.slice(0, 2000)}`)
    oursRuns.push(ours)
    rawRuns.push(await timed(rawArgs))
  }
  rows.push({
    name: `upcheck verify (whole process, median of ${rounds})`,
    ...median(oursRuns),
    n: count,
  })
  rows.push({
    name: `raw undici loop + deep-equal (floor, median of ${rounds})`,
    ...median(rawRuns),
    n: count,
  })
  const pact = await timed(
    [
      join(root, 'test/support/run-pact-verifier.mjs'),
      join(dir, 'contracts/bench-api.pact.json'),
      upstream.url,
    ],
    {
      env: { PACT_DO_NOT_TRACK: 'true' },
    },
  )
  rows.push({ name: 'Pact Verifier', seconds: pact.seconds, rssMb: pact.rssMb, n: count })
  await rm(dir, { recursive: true, force: true })

  const big = await workspace(10_000, upstream.url)
  const bigVerify = [
    join(root, 'bin/upcheck.js'),
    '--contracts',
    join(big, 'contracts'),
    '--reports',
    join(big, 'reports'),
    '--quiet',
    'verify',
  ]
  const bigRaw = [
    join(root, 'bench/raw-replay.mjs'),
    join(big, 'contracts/bench-api.pact.json'),
    upstream.url,
    String(concurrency),
  ]
  const bigOurs: Awaited<ReturnType<typeof timed>>[] = []
  const bigRawRuns: Awaited<ReturnType<typeof timed>>[] = []
  for (let round = 0; round < 3; round++) {
    const run = await timed(bigVerify, { cwd: big })
    if (run.code !== 0)
      throw new Error(`upcheck verify (10,000) exited ${run.code}: ${run.stderr.slice(0, 2000)}`)
    bigOurs.push(run)
    bigRawRuns.push(await timed(bigRaw))
  }
  rows.push({
    name: 'upcheck verify at 10,000 interactions (median of 3)',
    ...median(bigOurs),
    n: 10_000,
  })
  rows.push({
    name: 'raw loop at 10,000 interactions (median of 3)',
    ...median(bigRawRuns),
    n: 10_000,
  })
  await rm(big, { recursive: true, force: true })
} finally {
  upstream.stop()
}

console.log(
  `\nreplay benchmark, concurrency ${concurrency}, ${count} interactions (20% POST), upstream in its own process${withBaseline ? ', contract with a baseline' : ''}\n`,
)
console.log('| run | interactions | wall s | interactions/s | peak RSS MB |')
console.log('|---|---|---|---|---|')
for (const r of rows)
  console.log(
    `| ${r.name} | ${r.n} | ${r.seconds.toFixed(2)} | ${Math.round(r.n / r.seconds)} | ${r.rssMb.toFixed(0)} |`,
  )
const [ours, raw, pact, big, bigRaw] = rows
console.log(
  `\nupcheck / raw loop wall time: ${(ours!.seconds / raw!.seconds).toFixed(2)}× at ${count}, ${(big!.seconds / bigRaw!.seconds).toFixed(2)}× at 10,000 (target ≤ 1.3×)`,
)
console.log(
  `upcheck / Pact Verifier throughput: ${(pact!.seconds / ours!.seconds).toFixed(1)}× (target ≥ 20×)`,
)
console.log(`peak RSS at 10,000 interactions: ${big!.rssMb.toFixed(0)} MB (target ≤ 150 MB)`)
