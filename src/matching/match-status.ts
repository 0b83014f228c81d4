import type { Mismatch } from '../model/index.js'
import { checkMatcher } from './check-matcher.js'
import type { CompiledMatcher, CompiledRuleList } from './compile-rules.js'

/** Pact V4's status classes, as ranges and words. */
const CLASSES: Record<string, { from: number; to: number; words: string }> = {
  information: { from: 100, to: 199, words: 'an informational status (100–199)' },
  success: { from: 200, to: 299, words: 'a success status (200–299)' },
  redirect: { from: 300, to: 399, words: 'a redirect status (300–399)' },
  clientError: { from: 400, to: 499, words: 'a client error status (400–499)' },
  serverError: { from: 500, to: 599, words: 'a server error status (500–599)' },
  nonError: { from: 100, to: 399, words: 'a non-error status (100–399)' },
  error: { from: 400, to: 599, words: 'an error status (400–599)' },
}

/** Applies a V4 statusCode matcher; returns the words for what was wanted when it fails. */
export function checkStatusCode(m: CompiledMatcher, actual: number): string | undefined {
  const status = m.status
  if (Array.isArray(status))
    return status.includes(actual) ? undefined : `one of ${status.join(', ')}`
  const range = CLASSES[String(status)]
  if (!range) return `a status of the unknown class ${JSON.stringify(status)}`
  return actual >= range.from && actual <= range.to ? undefined : range.words
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
    let want: string | undefined
    if (m.name === 'statusCode') want = checkStatusCode(m, actual)
    else {
      const failure = checkMatcher(m, String(expected), String(actual), 'text')
      want = failure ? failure.expected : undefined
    }
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
