import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isHttpInteraction } from '../../src/model/index.js'
import { readPactFile } from '../../src/interactions/index.js'
import { matchResponse } from '../../src/matching/index.js'
import { differentialCases, type Served } from '../support/differential-cases.js'

/**
 * @note Pact's verifier is the reference peer: for every interaction and every served
 * response, upcheck's matcher must reach the same pass/fail verdict as Pact's own engine.
 */
const here = dirname(fileURLToPath(import.meta.url))
let round = 0
let server: Server
let baseUrl: string
let dir: string
let pactFile: string

function served(index: number): Served {
  const testCase = differentialCases[index]
  if (!testCase) throw new Error(`no case ${index}`)
  return testCase.served[round as 0 | 1]
}

function buildPact() {
  return {
    consumer: { name: 'upcheck-differential' },
    provider: { name: 'upstream' },
    interactions: differentialCases.map((c, i) => {
      const contentType = c.contentType ?? 'application/json'
      const matchingRules: Record<string, unknown> = {}
      if (c.rules) matchingRules.body = c.rules
      if (c.headerRules) matchingRules.header = c.headerRules
      if (c.statusRule) matchingRules.status = { combine: 'AND', matchers: [c.statusRule] }
      return {
        type: 'Synchronous/HTTP',
        key: `case-${i}`,
        description: `case ${i}: ${c.name}`,
        request: { method: 'GET', path: `/case/${i}` },
        response: {
          status: c.status ?? 200,
          headers: {
            'Content-Type': [contentType],
            ...Object.fromEntries(Object.entries(c.headers ?? {}).map(([k, v]) => [k, [v]])),
          },
          body: { contentType, encoded: false, content: c.body },
          matchingRules,
        },
      }
    }),
    metadata: { pactSpecification: { version: '4.0' } },
  }
}

function runPactVerifier(): Promise<Map<string, boolean>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(here, '../support/run-pact-verifier.mjs'), pactFile, baseUrl],
      { env: { ...process.env, PACT_DO_NOT_TRACK: 'true' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => {
        const line = stdout.split('@@UPCHECK-VERIFIER-RESULT@@')[1]
        if (!line)
          return reject(
            new Error(`Pact verifier printed no result: ${error?.message ?? stdout.slice(-2000)}`),
          )
        const results = JSON.parse(line) as { description: string; result: string }[]
        resolve(new Map(results.map((r) => [r.description, r.result.toUpperCase() === 'OK'])))
      },
    )
  })
}

async function runUpcheck(): Promise<Map<string, boolean>> {
  const pact = await readPactFile(pactFile)
  const verdicts = new Map<string, boolean>()
  for (const interaction of pact.interactions) {
    if (!isHttpInteraction(interaction)) continue
    const res = await fetch(new URL(interaction.request.path, baseUrl))
    const headers: Record<string, string> = {}
    res.headers.forEach((value, name) => (headers[name] = value))
    const mismatches = matchResponse(interaction.response, {
      status: res.status,
      headers,
      body: await res.text(),
    })
    verdicts.set(interaction.description, mismatches.length === 0)
  }
  return verdicts
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upcheck-differential-'))
  pactFile = join(dir, 'differential.pact.json')
  await writeFile(pactFile, JSON.stringify(buildPact(), null, 2))
  server = createServer((req, res) => {
    const index = Number(req.url?.split('/').pop())
    const s = served(index)
    const testCase = differentialCases[index]!
    res.statusCode = s.status ?? testCase.status ?? 200
    res.setHeader('Content-Type', s.contentType ?? testCase.contentType ?? 'application/json')
    for (const [name, value] of Object.entries(s.headers ?? testCase.headers ?? {}))
      res.setHeader(name, value)
    res.end(typeof s.body === 'string' ? s.body : JSON.stringify(s.body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve))
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('differential check against Pact’s own verifier', () => {
  it('covers at least 10 rule kinds and 30 interactions', () => {
    const kinds = new Set<string>()
    for (const c of differentialCases) {
      for (const list of Object.values({ ...c.rules, ...c.headerRules }))
        for (const m of list.matchers) kinds.add(String(m.match))
      if (c.statusRule) kinds.add(String(c.statusRule.match))
    }
    expect(kinds.size).toBeGreaterThanOrEqual(10)
    expect(differentialCases.length).toBeGreaterThanOrEqual(30)
  })

  for (const [roundIndex, label] of [
    [0, 'conforming'],
    [1, 'drifted'],
  ] as const) {
    it(`reaches Pact’s verdict on every interaction given ${label} responses`, async () => {
      round = roundIndex
      const [pact, ours] = await Promise.all([runPactVerifier(), runUpcheck()])
      expect(pact.size).toBe(differentialCases.length)
      const disagreements = [...pact].filter(
        ([description, pass]) => ours.get(description) !== pass,
      )
      expect(
        disagreements.map(
          ([d, pass]) =>
            `${d}: pact ${pass ? 'passes' : 'fails'}, upcheck ${pass ? 'fails' : 'passes'}`,
        ),
      ).toEqual([])
      // The round must exercise both verdicts somewhere, or agreement proves little.
      const passes = [...pact.values()].filter(Boolean).length
      if (label === 'conforming') expect(passes).toBeGreaterThan(differentialCases.length * 0.8)
      else expect(passes).toBeLessThan(differentialCases.length * 0.2)
    }, 120_000)
  }
})
