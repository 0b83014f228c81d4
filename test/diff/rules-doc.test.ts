import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { RULES } from '../../src/diff/rules/catalogue.js'
import { renderRulesDoc } from '../../src/diff/rules/render-rules-doc.js'

describe('the rule catalogue', () => {
  it('has at least 150 rules with unique, stable kebab-case ids', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(150)
    const ids = RULES.map((rule) => rule.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  })

  it('describes every rule in one sentence with a severity', () => {
    for (const rule of RULES) {
      expect(['breaking', 'warning', 'info']).toContain(rule.severity)
      expect(rule.description).toMatch(/^[A-Z`].*\.$/)
      expect(rule.message.length).toBeGreaterThan(0)
    }
  })

  it('is what docs/rules.md says: regenerate with `npx tsx scripts/generate-rules-doc.ts`', () => {
    const committed = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8')
    expect(committed).toBe(renderRulesDoc())
  })

  it('lists every rule in docs/rules.md', () => {
    const doc = renderRulesDoc()
    for (const rule of RULES) expect(doc).toContain(`\`${rule.id}\``)
  })
})
