/**
 * `npm run bench:diff`: diffs every real document pair in ../shared/bench-specs and prints,
 * per pair, the end-to-end time (load both documents + diff + JSON output), peak RSS, the
 * change counts, and the floor: reading and parsing both documents alone.
 *
 * Every measurement runs in a fresh process, as a CLI run would (cold JIT, empty heap), three
 * times; the median is printed. Targets: Stripe 4 MB pair ≤ 0.5 s, Plaid 3 MB YAML pair ≤ 1 s,
 * ≤ 400 MB RSS.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import jsyaml from 'js-yaml'
import { diffSpecs } from '../src/diff/diff-specs.js'
import { formatDiffJson } from '../src/diff/format/format-diff-json.js'
import { loadSpec } from '../src/diff/load/load-spec.js'

const folder = fileURLToPath(new URL('../../shared/bench-specs/', import.meta.url))
const RUNS = 3

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
  if (!existsSync(`${folder}INDEX.tsv`)) {
    console.log('bench:diff skipped: ../shared/bench-specs is absent')
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

await main()
