/**
 * Runs the Pact Foundation's specification testcases (V3 and V4, JSON request and response
 * cases) through upcheck's matching engine.
 *
 *   npm run conformance [-- DIR]     DIR defaults to ../shared/conformance from the repo root
 *
 * Prints each failing case with its mismatches, then `N passed, N failed, N skipped`.
 * Exits 1 when a case failed, 2 when DIR holds no testcases.
 */
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { normaliseRequest, normaliseResponse } from '../src/interactions/index.js'
import {
  findUnsupportedBody,
  matchRequest,
  matchResponse,
  type ActualRequest,
  type ActualResponse,
} from '../src/matching/index.js'
import type {
  Body,
  HttpRequest,
  HttpResponse,
  Mismatch,
  PactSpecVersion,
} from '../src/model/index.js'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const defaultConformanceDir = resolve(repoRoot, '../shared/conformance')

export interface ConformanceCase {
  /** Path relative to the conformance folder, e.g. `pact-specification/version-3/testcases/request/body/matches.json`. */
  name: string
  file: string
  version: PactSpecVersion
  kind: 'request' | 'response'
}

export interface ConformanceResult {
  testCase: ConformanceCase
  outcome: 'passed' | 'failed' | 'skipped'
  /** What the testcase says: should expected and actual match? */
  shouldMatch?: boolean
  comment?: string
  mismatches: Mismatch[]
  /** Why the case failed to run, or was skipped. */
  note?: string
}

const VERSIONS: [string, PactSpecVersion][] = [
  ['version-3', '3.0.0'],
  ['version-4', '4.0'],
]

async function listJson(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return []
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json') && !e.name.toLowerCase().includes('xml'))
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

/** Every JSON (non-XML) request and response testcase of spec V3 and V4 under `dir`. */
export async function findConformanceCases(dir: string): Promise<ConformanceCase[]> {
  const cases: ConformanceCase[] = []
  for (const [folder, version] of VERSIONS) {
    for (const kind of ['request', 'response'] as const) {
      for (const file of await listJson(
        join(dir, 'pact-specification', folder, 'testcases', kind),
      )) {
        cases.push({ name: relative(dir, file), file, version, kind })
      }
    }
  }
  return cases
}

/** The bytes a body would have had on the wire. */
function toWireBody(body: Body | undefined): string | Uint8Array | undefined {
  if (!body || body.content === null || body.content === undefined) return undefined
  if (body.encoded === 'base64' && typeof body.content === 'string')
    return Uint8Array.from(atob(body.content), (c) => c.charCodeAt(0))
  if (typeof body.content === 'string') return body.content
  return JSON.stringify(body.content)
}

function toActualResponse(response: HttpResponse): ActualResponse {
  return { status: response.status, headers: response.headers, body: toWireBody(response.body) }
}

function toActualRequest(request: HttpRequest): ActualRequest {
  return {
    method: request.method,
    path: request.path,
    query: request.query,
    headers: request.headers,
    body: toWireBody(request.body),
  }
}

/** Runs one testcase: the verdict must equal the case's `match`. */
export async function runConformanceCase(testCase: ConformanceCase): Promise<ConformanceResult> {
  let raw: { match?: unknown; comment?: unknown; expected?: unknown; actual?: unknown }
  try {
    const text = await readFile(testCase.file, 'utf8')
    raw = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    return {
      testCase,
      outcome: 'failed',
      mismatches: [],
      note: `cannot read the testcase: ${error instanceof Error ? error.message : String(error)}`,
    }
  }
  const shouldMatch = raw.match === true
  const comment = typeof raw.comment === 'string' ? raw.comment : undefined
  try {
    const { name: file, version } = testCase
    const expectedAt = { file, path: '$.expected' }
    const actualAt = { file, path: '$.actual' }
    let mismatches: Mismatch[]
    let unsupported: string | undefined
    if (testCase.kind === 'request') {
      const expected = normaliseRequest(raw.expected, version, expectedAt)
      const actual = normaliseRequest(raw.actual, version, actualAt)
      unsupported = findUnsupportedBody(expected)
      mismatches = matchRequest(expected, toActualRequest(actual))
    } else {
      const expected = normaliseResponse(raw.expected, version, expectedAt)
      const actual = normaliseResponse(raw.actual, version, actualAt)
      unsupported = findUnsupportedBody(expected)
      mismatches = matchResponse(expected, toActualResponse(actual))
    }
    if (unsupported)
      return { testCase, outcome: 'skipped', shouldMatch, comment, mismatches, note: unsupported }
    const outcome = (mismatches.length === 0) === shouldMatch ? 'passed' : 'failed'
    return { testCase, outcome, shouldMatch, comment, mismatches }
  } catch (error) {
    return {
      testCase,
      outcome: 'failed',
      shouldMatch,
      comment,
      mismatches: [],
      note: error instanceof Error ? error.message : String(error),
    }
  }
}

export async function runConformance(dir: string): Promise<ConformanceResult[]> {
  const results: ConformanceResult[] = []
  for (const testCase of await findConformanceCases(dir))
    results.push(await runConformanceCase(testCase))
  return results
}

/** The closing line: `N passed, N failed, N skipped`. */
export function summarise(results: readonly ConformanceResult[]): string {
  const count = (outcome: ConformanceResult['outcome']) =>
    results.filter((r) => r.outcome === outcome).length
  return `${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`
}

/** A failing case, for people: what the case expected and what the engine said. */
export function describeFailure(result: ConformanceResult): string {
  const lines = [`FAIL ${result.testCase.name}${result.comment ? ` — ${result.comment}` : ''}`]
  if (result.note) lines.push(`  error: ${result.note}`)
  else if (result.shouldMatch)
    lines.push(
      '  should match, but the engine reported:',
      ...result.mismatches.map((m) => `    ${m.part} ${m.message}`),
    )
  else lines.push('  should not match, but the engine found no mismatch')
  return lines.join('\n')
}

async function main(): Promise<void> {
  const dir = process.argv[2] === undefined ? defaultConformanceDir : resolve(process.argv[2])
  const cases = await findConformanceCases(dir)
  if (cases.length === 0) {
    console.error(
      `No Pact testcases under ${dir}. Pass the folder that holds pact-specification/: npm run conformance -- DIR`,
    )
    process.exitCode = 2
    return
  }
  const results: ConformanceResult[] = []
  for (const testCase of cases) results.push(await runConformanceCase(testCase))
  for (const r of results) {
    if (r.outcome === 'failed') console.log(describeFailure(r))
    else if (r.outcome === 'skipped') console.log(`SKIP ${r.testCase.name}: ${r.note}`)
  }
  console.log(summarise(results))
  if (results.some((r) => r.outcome === 'failed')) process.exitCode = 1
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main()
}
