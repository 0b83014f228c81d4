import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { completeDocument, diffDocuments } from './document-helpers.js'

interface OperationCase {
  name: string
  now?: string
  base: unknown
  revision: unknown
  expect: string[]
  severity?: string[]
  count?: number
}

const cases = parse(
  readFileSync(new URL('./fixtures/operation-families.yaml', import.meta.url), 'utf8'),
) as OperationCase[]

describe('operation-level rules', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const result = diffDocuments(
      completeDocument(c.base, '3.1.0'),
      completeDocument(c.revision, '3.1.0'),
      c.now ? { now: new Date(c.now) } : {},
    )
    const rules = result.changes.map((change) => change.rule)
    expect([...new Set(rules)].sort()).toEqual([...c.expect].sort())
    if (c.severity) expect(result.changes.map((change) => change.severity)).toEqual(c.severity)
    if (c.count !== undefined) expect(result.changes).toHaveLength(c.count)
  })
})
