import type { Mismatch } from '../model/index.js'
import type { CompiledMatcher, CompiledRuleList } from '../interactions/matchers/compile-matcher.js'
import { checkMatcher } from './check-rule-list.js'

/** A matcher meant for text, on a status: judged on the status written as text. */
function checkStatusAsText(m: CompiledMatcher, expected: number, actual: number) {
  return checkMatcher(m, String(expected), String(actual), 'text')?.expected
}

/** Matches the status: equality, or the status rules (statusCode, or any text matcher). */
export function matchStatus(
  expected: number,
  actual: number,
  rules: CompiledRuleList | undefined,
  mismatches: Mismatch[],
): void {
  const push = (want: string, rule: string, text: string) =>
    mismatches.push({
      part: 'status',
      path: 'status',
      expected: want,
      actual: String(actual),
      rule,
      message: `status: ${text}`,
    })
  if (!rules || rules.matchers.length === 0) {
    if (expected !== actual)
      push(String(expected), 'equality', `expected ${expected}, got ${actual}`)
    return
  }
  const failures: { want: string; rule: string }[] = []
  for (const m of rules.matchers) {
    const want = (m.definition.checkStatus ?? checkStatusAsText)(m, expected, actual)
    if (want === undefined) {
      if (rules.combine === 'OR') return
      continue
    }
    failures.push({ want, rule: m.name })
  }
  if (failures.length === 0) return
  const want = failures.map((f) => f.want).join(rules.combine === 'OR' ? ' or ' : ' and ')
  push(
    want,
    failures.map((f) => f.rule).join(rules.combine === 'OR' ? ' or ' : ' and '),
    `expected ${want}, got ${actual}`,
  )
}
