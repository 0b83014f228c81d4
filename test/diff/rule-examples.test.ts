import { describe, expect, it } from 'vitest'
import { RULES } from '../../src/diff/rules/catalogue.js'
import { completeDocument, diffDocuments } from './document-helpers.js'

// Every rule's documented example is a fixture: diffing its "before" against its "after"
// must report that rule, so docs/rules.md never shows an example that does not do what it says.
describe('rule examples', () => {
  it.each(RULES.map((rule) => [rule.id, rule] as const))(
    'reports %s given its own before/after example',
    (id, rule) => {
      const result = diffDocuments(
        completeDocument(rule.example.before),
        completeDocument(rule.example.after),
        { now: new Date('2026-01-01') },
      )
      expect(result.changes.map((change) => change.rule)).toContain(id)
      for (const change of result.changes.filter((c) => c.rule === id))
        expect(change.severity).toBe(rule.severity)
    },
  )
})
