import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import type { Run } from '../model/index.js'
import { buildLatestReport, type ReportEntry } from './latest-report.js'
import { formatJunit } from './junit.js'
import { formatSummaryMarkdown } from './summary-markdown.js'
import { idBecameString } from '../../test/support/sample-finding.js'

const finding = idBecameString('GET /posts/1: $.id was a number when recorded, now a string <&>')

function entry(status: Run['status']): ReportEntry {
  const probes: Run['probes'] = [
    {
      interaction: 'get post 1',
      operation: 'GET /posts/{id}',
      verdict: status === 'broken' ? 'failed' : 'passed',
      durationMs: 20,
      attempts: 1,
      status: 200,
      findings: status === 'broken' ? [finding] : [],
    },
    {
      interaction: 'create post',
      operation: 'POST /posts',
      verdict: 'skipped',
      durationMs: 0,
      attempts: 0,
      findings: [],
      skipped: { code: 'unsafe-method', reason: 'POST is not replayed <&>' },
    },
    {
      interaction: 'list posts',
      operation: 'GET /posts',
      verdict: status === 'unreachable' ? 'unreachable' : 'passed',
      durationMs: 5,
      attempts: 3,
      findings: [],
    },
  ]
  return {
    name: `${status}-api`,
    owner: 'Ann Lee <ann@example.com>',
    lastVerifiedAt: '2026-11-24T08:00:00.000Z',
    stale: status !== 'verified',
    run: {
      id: `run-${status}`,
      contract: `${status}-api`,
      status,
      startedAt: '2026-11-25T08:00:00.000Z',
      finishedAt: '2026-11-25T08:00:01.500Z',
      counts: {
        total: 3,
        passed: status === 'verified' ? 2 : 1,
        failed: status === 'broken' ? 1 : 0,
        skipped: 1,
        unreachable: status === 'unreachable' ? 1 : 0,
      },
      probes,
      findings: probes.flatMap((p) => p.findings),
    },
  }
}

const entries = [entry('verified'), entry('broken'), entry('unreachable')]
const errors = [
  {
    file: 'contracts/bad.yaml',
    code: 'CONTRACT_INVALID',
    message: 'contracts/bad.yaml:3:1: owner is missing. Add who gets paged.',
  },
]

describe('latest.json', () => {
  it('has every field DESIGN.md promises for each contract', () => {
    const report = buildLatestReport(entries, errors, new Date('2026-11-25T08:00:02Z'))
    expect(report.generatedAt).toBe('2026-11-25T08:00:02.000Z')
    expect(report.schemaVersion).toBe(1)
    expect(report.contracts[1]).toEqual({
      name: 'broken-api',
      owner: 'Ann Lee <ann@example.com>',
      status: 'broken',
      lastVerifiedAt: '2026-11-24T08:00:00.000Z',
      stale: true,
      run: {
        id: 'run-broken',
        startedAt: '2026-11-25T08:00:00.000Z',
        finishedAt: '2026-11-25T08:00:01.500Z',
      },
      interactions: { total: 3, passed: 1, failed: 1, skipped: 1, unreachable: 0 },
      probes: entries[1]!.run.probes.map(({ findings: _, ...probe }) => probe),
      findings: [finding],
    })
    expect(report.contracts[1]!.probes[1]).toMatchObject({
      interaction: 'create post',
      verdict: 'skipped',
      skipped: { code: 'unsafe-method', reason: 'POST is not replayed <&>' },
    })
    expect(report.errors).toEqual(errors)
  })

  it('writes null, not a missing key, for a contract never verified', () => {
    const report = buildLatestReport(
      [{ ...entry('broken'), lastVerifiedAt: undefined }],
      [],
      new Date(),
    )
    expect(JSON.parse(JSON.stringify(report)).contracts[0].lastVerifiedAt).toBeNull()
  })
})

describe('junit.xml', () => {
  const xml = formatJunit(entries, errors)
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml)

  it('is well-formed XML with a suite per contract and a case per interaction', () => {
    expect(XMLValidator.validate(xml)).toBe(true)
    const suites = parsed.testsuites.testsuite
    expect(suites.map((s: { name: string }) => s.name)).toEqual([
      'verified-api',
      'broken-api',
      'unreachable-api',
      'contracts that could not be loaded',
    ])
    expect(suites[0].testcase).toHaveLength(3)
  })

  it('marks failed probes as failures, unreachable as errors, unsafe as skipped with its reason, and counts them per suite', () => {
    expect(parsed.testsuites).toMatchObject({
      tests: '10',
      failures: '1',
      errors: '2',
    })
    expect(parsed.testsuites.skipped).toBeUndefined()
    expect(parsed.testsuites.testsuite[1].skipped).toBe('1')
    const broken = parsed.testsuites.testsuite[1]
    expect(broken.testcase[0].failure['#text']).toContain(
      '$.id was a number when recorded, now a string <&>',
    )
    expect(broken.testcase[1].skipped.message).toBe('POST is not replayed <&>')
    expect(parsed.testsuites.testsuite[2].testcase[2].error.type).toBe('unreachable')
  })
})

describe('summary.md', () => {
  it('tables every contract and lists the findings of the broken one', () => {
    const md = formatSummaryMarkdown(
      buildLatestReport(entries, errors, new Date('2026-11-25T08:00:02Z')),
    )
    expect(md).toContain('3 contracts: 1 verified, 1 broken, 1 unreachable, 1 could not be loaded')
    expect(md).toMatch(
      /\| broken-api \| Ann Lee &lt;ann@example.com> \| ❌ broken \| 1\/3 passed, 1 failed, 1 skipped \|/,
    )
    expect(md).toContain('## broken-api (broken)')
    expect(md).toContain(
      '- **breaking**: GET /posts/1: $.id was a number when recorded, now a string &lt;&>',
    )
    expect(md).toContain('`CONTRACT_INVALID` contracts/bad.yaml:3:1')
  })
})
