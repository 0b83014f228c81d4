/**
 * `npm run bench:diff`: diffs every real document pair in ../shared/bench-specs and prints,
 * per pair, the end-to-end time (load both documents + diff + JSON output), peak RSS, the
 * change counts, and the floor: reading and parsing both documents alone.
 *
 * Every measurement runs in a fresh process, as a CLI run would (cold JIT, empty heap), three
 * times; the median is printed. Targets: Stripe 4 MB pair ≤ 0.5 s, Plaid 3 MB YAML pair ≤ 1 s,
 * ≤ 400 MB RSS.
 *
 * Then GitHub's REST description, two releases of @octokit/openapi months apart (11-13 MB of
 * JSON each): `node bin/upcheck.js diff old new` as a user runs it, built first. The packages
 * are fetched with `npm pack` into bench/results/octokit (git-ignored) once; never installed,
 * since the package is hundreds of MB. Target: ≤ 1.5 s.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import jsyaml from 'js-yaml'
import { diffSpecs } from '../src/diff/diff-specs.js'
import { formatDiffJson } from '../src/diff/format/format-diff-json.js'
import { loadSpec } from '../src/diff/load/load-spec.js'

const folder = fileURLToPath(new URL('../../shared/bench-specs/', import.meta.url))
const RUNS = 3
const root = fileURLToPath(new URL('../', import.meta.url))
const octokitCache = fileURLToPath(new URL('./results/octokit/', import.meta.url))
/** Two releases of @octokit/openapi, months apart. */
const OCTOKIT_VERSIONS = ['21.0.0', '23.0.2'] as const
const CLI_RUNS = 5

interface Sample {
  ms: number
  rssMb: number
  summary?: { breaking: number; warning: number; info: number }
}

function files(pair: string): [string, string] {
  const names = readdirSync(`${folder}${pair}`)
  const find = (role: string) =>
    `${folder}${pair}/${names.find((name) => name.startsWith(`${role}.`))}`
  return [find('old'), find('new')]
}

async function measure(pair: string, mode: 'floor' | 'diff'): Promise<Sample> {
  const [base, revision] = files(pair)
  const start = performance.now()
  let summary: Sample['summary']
  if (mode === 'floor') {
    for (const file of [base, revision]) {
      const text = readFileSync(file, 'utf8')
      if (file.endsWith('.json')) JSON.parse(text)
      else jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA })
    }
  } else {
    const [a, b] = await Promise.all([loadSpec(base), loadSpec(revision)])
    const result = diffSpecs(a, b, { now: new Date() })
    formatDiffJson(result)
    summary = result.summary
  }
  const ms = performance.now() - start
  return { ms, rssMb: (process.resourceUsage().maxRSS * 1024) / 1e6, summary }
}

function runChild(pair: string, mode: 'floor' | 'diff'): Sample {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--child', pair, mode],
    { encoding: 'utf8' },
  )
  if (child.status !== 0)
    throw new Error(`bench child failed for ${pair} (${mode}): ${child.stderr}`)
  return JSON.parse(child.stdout.trim().split('\n').pop() as string) as Sample
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

async function benchPairs(): Promise<void> {
  if (!existsSync(`${folder}INDEX.tsv`)) {
    console.log('bench:diff pairs skipped: ../shared/bench-specs is absent')
    return
  }
  const pairs = readdirSync(folder)
    .filter((name) => existsSync(`${folder}${name}/META.txt`))
    .sort()
  console.log(
    `upcheck diff on ${pairs.length} real pairs, median of ${RUNS} fresh processes each\n`,
  )
  console.log(
    [
      'pair'.padEnd(24),
      'size MB'.padStart(8),
      'floor s'.padStart(8),
      'diff s'.padStart(8),
      'RSS MB'.padStart(7),
      '  breaking/warning/info',
    ].join(' '),
  )
  for (const pair of pairs) {
    const [base, revision] = files(pair)
    const size = (readFileSync(base).length + readFileSync(revision).length) / 2 / 1e6
    const floors = Array.from({ length: RUNS }, () => runChild(pair, 'floor'))
    const diffs = Array.from({ length: RUNS }, () => runChild(pair, 'diff'))
    const summary = diffs[0]?.summary
    console.log(
      [
        pair.padEnd(24),
        size.toFixed(1).padStart(8),
        (median(floors.map((s) => s.ms)) / 1000).toFixed(2).padStart(8),
        (median(diffs.map((s) => s.ms)) / 1000).toFixed(2).padStart(8),
        Math.max(...diffs.map((s) => s.rssMb))
          .toFixed(0)
          .padStart(7),
        `  ${summary?.breaking}/${summary?.warning}/${summary?.info}`,
      ].join(' '),
    )
  }
  console.log(
    '\ntargets: stripe-2022-04-01 ≤ 0.5 s, plaid (3 MB YAML) ≤ 1 s end to end, ≤ 400 MB RSS',
  )
}

/**
 * GitHub's description of one @octokit/openapi version, unpacked from its npm tarball in the
 * cache (fetched with `npm pack` when missing); undefined, with the reason, when it cannot be had.
 */
function octokitDocument(version: string): { file?: string; reason?: string } {
  const tarball = `${octokitCache}octokit-openapi-${version}.tgz`
  const unpacked = `${octokitCache}${version}/`
  const file = `${unpacked}package/generated/api.github.com.json`
  if (existsSync(file)) return { file }
  mkdirSync(unpacked, { recursive: true })
  if (!existsSync(tarball)) {
    const pack = spawnSync(
      'npm',
      ['pack', `@octokit/openapi@${version}`, '--pack-destination', octokitCache, '--silent'],
      { encoding: 'utf8' },
    )
    if (pack.status !== 0 || !existsSync(tarball))
      return { reason: `npm pack @octokit/openapi@${version} failed (offline?)` }
  }
  const untar = spawnSync(
    'tar',
    ['-xzf', tarball, '-C', unpacked, 'package/generated/api.github.com.json'],
    {
      encoding: 'utf8',
    },
  )
  if (untar.status !== 0 || !existsSync(file))
    return { reason: `could not unpack ${tarball}: ${untar.stderr.trim()}` }
  return { file }
}

/**
 * One `upcheck diff` CLI process: its wall time, and the peak RSS and CPU time (user + system)
 * it reports itself. CPU time is the steadier figure on a shared machine.
 */
function runCli(
  base: string,
  revision: string,
): { ms: number; cpuMs: number; rssMb: number; summary: string } {
  const reportUsage =
    'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write(`\\nusage ${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}\\n`)})'
  const start = performance.now()
  const child = spawnSync(
    process.execPath,
    ['--import', reportUsage, `${root}bin/upcheck.js`, 'diff', base, revision],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  )
  const ms = performance.now() - start
  if (child.status !== 0 && child.status !== 1)
    throw new Error(`upcheck diff failed (exit ${child.status}): ${child.stderr}`)
  const [, maxRss = NaN, cpuUs = NaN] = (/usage (\d+) (\d+)/.exec(child.stderr) ?? []).map(Number)
  const summary = /: (\d+ breaking.*)$/m.exec(child.stdout)?.[1] ?? '?'
  return { ms, cpuMs: cpuUs / 1000, rssMb: (maxRss * 1024) / 1e6, summary }
}

function benchGitHub(): void {
  const [oldVersion, newVersion] = OCTOKIT_VERSIONS
  const documents = OCTOKIT_VERSIONS.map(octokitDocument)
  const missing = documents.find((document) => !document.file)
  if (missing) {
    console.log(`\nbench:diff GitHub skipped: ${missing.reason}`)
    return
  }
  if (!existsSync(`${root}dist/cli/main.js`)) {
    console.log('\nbench:diff GitHub skipped: dist/ is missing; run npm run build first')
    return
  }
  const [base, revision] = documents.map((document) => document.file as string) as [string, string]
  const samples = Array.from({ length: CLI_RUNS }, () => runCli(base, revision))
  const size = (readFileSync(base).length + readFileSync(revision).length) / 2 / 1e6
  console.log(
    `\nGitHub REST description, @octokit/openapi ${oldVersion} → ${newVersion} (${size.toFixed(1)} MB each), ` +
      `\`node bin/upcheck.js diff old new\`, median of ${CLI_RUNS} runs: ` +
      `${(median(samples.map((s) => s.ms)) / 1000).toFixed(2)} s wall, ` +
      `${(median(samples.map((s) => s.cpuMs)) / 1000).toFixed(2)} s CPU, ` +
      `peak RSS ${Math.max(...samples.map((s) => s.rssMb)).toFixed(0)} MB ` +
      `(${samples[0]?.summary}); target ≤ 1.5 s`,
  )
}

async function main(): Promise<void> {
  const childAt = process.argv.indexOf('--child')
  if (childAt !== -1) {
    const sample = await measure(
      process.argv[childAt + 1] as string,
      process.argv[childAt + 2] as 'floor' | 'diff',
    )
    console.log(JSON.stringify(sample))
    return
  }
  await benchPairs()
  benchGitHub()
}

await main()
