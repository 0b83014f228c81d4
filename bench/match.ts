/**
 * Matching throughput: a ~1 MB JSON response against an expected response with a dozen rules
 * (type with min, integer, decimal, regex, datetime, semver, boolean, eachValue, …), repeated.
 * The time includes parsing the actual body, as a probe pays for it.
 *
 *   npm run bench:match [-- ITERATIONS] [--vs CHECKOUT]
 *
 * `--vs` names a checkout of another commit (its src/ is imported through tsx): both match
 * in this process, turn about, and the throughput ratio by CPU time is printed.
 */
import { resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { matchResponse } from '../src/matching/index.js'
import type { HttpResponse, RuleList } from '../src/model/index.js'

const TARGET_MB_PER_S = 50

function rule(...matchers: RuleList['matchers']): RuleList {
  return { combine: 'AND', matchers }
}

function makeItem(i: number) {
  return {
    id: i + 1,
    name: `Item number ${i}`,
    email: `user${i}@example.com`,
    createdAt: `2024-0${(i % 9) + 1}-1${i % 10}T1${i % 10}:2${i % 10}:3${i % 10}Z`,
    price: 10.25 + (i % 100),
    active: i % 2 === 0,
    code: `AB-${String(1000 + (i % 9000))}`,
    version: `${i % 5}.${i % 10}.${i % 3}`,
    tags: ['alpha', 'beta', `t${i % 7}`],
    attributes: { colour: 'red', size: `s${i % 4}`, shape: 'round' },
    owner: { id: i % 50, login: `owner-${i % 50}`, verified: true },
  }
}

function buildActualBody(targetBytes: number): string {
  const items = []
  let size = 0
  for (let i = 0; size < targetBytes; i++) {
    const item = makeItem(i)
    items.push(item)
    size += JSON.stringify(item).length + 1
  }
  return JSON.stringify({ total: items.length, page: { number: 1, size: items.length }, items })
}

const expected: HttpResponse = {
  status: 200,
  headers: { 'Content-Type': ['application/json'] },
  body: {
    contentType: 'application/json',
    encoded: false,
    content: { total: 1, page: { number: 1, size: 1 }, items: [makeItem(0)] },
  },
  matchingRules: {
    body: {
      '$.total': rule({ match: 'integer' }),
      '$.page': rule({ match: 'type' }),
      '$.items': rule({ match: 'type', min: 1 }),
      '$.items[*].id': rule({ match: 'integer' }),
      '$.items[*].name': rule({ match: 'type' }),
      '$.items[*].email': rule({ match: 'regex', regex: '[^@\\s]+@[^@\\s]+\\.[a-z]{2,}' }),
      '$.items[*].createdAt': rule({ match: 'datetime', format: "yyyy-MM-dd'T'HH:mm:ssXXX" }),
      '$.items[*].price': rule({ match: 'decimal' }),
      '$.items[*].active': rule({ match: 'boolean' }),
      '$.items[*].code': rule({ match: 'regex', regex: '[A-Z]{2}-\\d{4}' }),
      '$.items[*].version': rule({ match: 'semver' }),
      '$.items[*].tags': rule({ match: 'type', min: 0 }),
      '$.items[*].attributes': rule({
        match: 'eachValue',
        rules: [{ match: 'regex', regex: '[a-z0-9]+' }],
      }),
      '$.items[*].owner': rule({ match: 'type' }),
    },
  },
}

const args = process.argv.slice(2)
const vsAt = args.indexOf('--vs')
/** `--vs DIR`: a checkout of another commit, matched in the same process, turn about, for an A/B. */
const vsDir = vsAt === -1 ? undefined : args[vsAt + 1]
const iterations = Number(args.find((arg, i) => /^\d+$/.test(arg) && i !== vsAt + 1) ?? 30)
const body = buildActualBody(1024 * 1024)
const bytes = Buffer.byteLength(body)
const actual = { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body }
type Match = typeof matchResponse

const check = matchResponse(expected, actual)
if (check.length > 0) {
  console.error(
    `The benchmark body should conform, but ${check.length} mismatches were found, first: ${check[0]!.message}`,
  )
  process.exit(1)
}
const other: Match | undefined = vsDir
  ? ((await import(resolve(vsDir, 'src/matching/index.ts'))) as { matchResponse: Match })
      .matchResponse
  : undefined
for (let i = 0; i < 5; i++) {
  matchResponse(expected, actual)
  other?.(expected, actual)
}

/** Wall and CPU milliseconds of one match: CPU time is the steadier figure on a shared machine. */
function time(match: Match) {
  const cpu = process.cpuUsage()
  const start = performance.now()
  match(expected, actual)
  const ms = performance.now() - start
  const used = process.cpuUsage(cpu)
  return { ms, cpuMs: (used.user + used.system) / 1000 }
}
const ours: ReturnType<typeof time>[] = []
const theirs: ReturnType<typeof time>[] = []
for (let i = 0; i < iterations; i++) {
  // Turn about, so drift on the machine hits both alike.
  if (other && i % 2 === 1) theirs.push(time(other))
  ours.push(time(matchResponse))
  if (other && i % 2 === 0) theirs.push(time(other))
}
const mb = bytes / (1024 * 1024)
const middle = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const describe = (runs: ReturnType<typeof time>[]) => {
  const wall = middle(runs.map((r) => r.ms))
  const cpu = middle(runs.map((r) => r.cpuMs))
  const mean = (mb * runs.length) / (runs.reduce((a, r) => a + r.ms, 0) / 1000)
  return {
    median: mb / (wall / 1000),
    cpuMedian: mb / (cpu / 1000),
    text: `median ${wall.toFixed(1)} ms per match, ${(mb / (wall / 1000)).toFixed(1)} MB/s median, ${mean.toFixed(1)} MB/s mean; by CPU time ${(mb / (cpu / 1000)).toFixed(1)} MB/s median`,
  }
}
const rules = Object.keys(expected.matchingRules!.body!).length
console.log(
  `matched a ${mb.toFixed(2)} MB JSON response (${JSON.parse(body).items.length} items, ${rules} rules) ${iterations} times`,
)
const result = describe(ours)
console.log(`${result.text} (target ≥ ${TARGET_MB_PER_S} MB/s)`)
if (other) {
  const them = describe(theirs)
  console.log(`--vs ${vsDir}: ${them.text}`)
  console.log(
    `this / --vs by CPU time: ${(result.cpuMedian / them.cpuMedian).toFixed(2)}× the throughput`,
  )
}
if (result.median < TARGET_MB_PER_S) process.exitCode = 1
