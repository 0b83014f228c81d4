import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { diffSpecs } from '../../src/diff/diff-specs.js'
import { loadSpec } from '../../src/diff/load/load-spec.js'
import { requireShared } from '../support/shared-data.js'

// oasdiff's own fixtures and what its Go tests expect of them, beside the repository.
const { folder, available, skipNote } = requireShared('peer-suites/oasdiff', 'expected.tsv')

/**
 * Pairs where upcheck disagrees with oasdiff on purpose (see docs/rules.md), or where the
 * expectation needs an oasdiff configuration (`custom:` scope) that upcheck has no use for.
 */
const DELIBERATE: Record<string, string> = {
  'checker/webhook_operation_base.yaml>checker/webhook_operation_revision.yaml':
    'webhook payloads are compared as what the consumer reads',
  'deprecation/base.yaml>deprecation/deprecated-no-sunset.yaml':
    'needs an oasdiff option that requires a sunset date',
  'checker/api_security_global_added_base.yaml>checker/api_security_global_added_revision.yaml':
    'new security is breaking for a client without it',
  'required-properties/request-new-required-prop-base.yaml>required-properties/request-new-required-prop-revision.yaml':
    'a required name without a property schema is still required',
  'checker/request_property_became_nullable_31_base.yaml>checker/request_property_became_nullable_31_revision.yaml':
    'the response property also became nullable; oasdiff ran only its request check',
}

interface Row {
  base: string
  revision: string
  verdictClass: string
}

function rows(): Row[] {
  const [, ...lines] = readFileSync(`${folder}expected.tsv`, 'utf8').trim().split('\n')
  return lines.map((line) => {
    const cells = line.split('\t')
    return {
      base: cells[0] as string,
      revision: cells[1] as string,
      verdictClass: cells[4] as string,
    }
  })
}

describe.skipIf(!available)(`oasdiff's expectations${skipNote}`, () => {
  it('flags at least 51 of the 53 breaking pairs and leaves at least 35 of the 38 non-breaking pairs unflagged', async () => {
    let breakingPairs = 0
    let flagged = 0
    let nonBreakingPairs = 0
    let clean = 0
    const misses: string[] = []
    for (const row of rows()) {
      if (row.verdictClass !== 'ERR' && row.verdictClass !== 'NONBREAKING') continue
      const base = await loadSpec(`${folder}data/${row.base}`, { lenient: true })
      const revision = await loadSpec(`${folder}data/${row.revision}`, { lenient: true })
      const breaking =
        diffSpecs(base, revision, { now: new Date('2026-01-01T00:00:00Z') }).summary.breaking > 0
      const ok = row.verdictClass === 'ERR' ? breaking : !breaking
      if (row.verdictClass === 'ERR') {
        breakingPairs++
        if (ok) flagged++
      } else {
        nonBreakingPairs++
        if (ok) clean++
      }
      if (!ok) misses.push(`${row.base}>${row.revision}`)
    }
    expect({ breakingPairs, nonBreakingPairs }).toEqual({
      breakingPairs: 53,
      nonBreakingPairs: 38,
    })
    expect(misses.filter((miss) => !(miss in DELIBERATE))).toEqual([])
    expect(flagged).toBeGreaterThanOrEqual(51)
    expect(clean).toBeGreaterThanOrEqual(35)
  })
})
