import { parseQueryString } from '../interactions/read-http-part.js'
import type { Mismatch, Query } from '../model/index.js'
import type { ActualRequest } from './actual.js'
import { checkRuleList } from './check-rule-list.js'
import type { CompiledRuleList } from '../interactions/matchers/compile-matcher.js'

function toQuery(actual: ActualRequest['query']): Query {
  if (actual === undefined) return {}
  if (typeof actual === 'string') return parseQueryString(actual)
  const out: Query = {}
  for (const name in actual) {
    const value = actual[name]!
    out[name] = typeof value === 'string' ? [value] : [...value]
  }
  return out
}

function show(values: readonly string[]): string {
  return values.length === 1 ? JSON.stringify(values[0]) : JSON.stringify(values)
}

/**
 * Matches query parameters: every expected parameter with its values in order (or per its
 * rules), and no parameter the interaction does not have.
 */
export function matchQuery(
  expected: Query | undefined,
  actualQuery: ActualRequest['query'],
  rules: ReadonlyMap<string, CompiledRuleList>,
  mismatches: Mismatch[],
): void {
  const actual = toQuery(actualQuery)
  const want = expected ?? {}
  const push = (
    name: string,
    expectedWords: string,
    actualWords: string,
    rule: string,
    text: string,
  ) =>
    mismatches.push({
      part: 'query',
      path: name,
      expected: expectedWords,
      actual: actualWords,
      rule,
      message: `query parameter ${name}: ${text}`,
    })
  for (const name in want) {
    const values = want[name]!
    const got = actual[name]
    if (got === undefined) {
      push(
        name,
        show(values),
        'nothing',
        'query',
        `expected ${show(values)}, but the parameter is missing`,
      )
      continue
    }
    const list = rules.get(name)
    if (list) {
      // A matcher with bounds (type's min and max) bounds how many values the parameter has.
      for (const m of list.matchers) {
        const count = (limit: string, n: number) =>
          push(
            name,
            `${limit} ${n} values`,
            `${got.length}`,
            m.name,
            `expected ${limit} ${n} values, got ${got.length}`,
          )
        if (m.min !== undefined && got.length < m.min) count('at least', m.min)
        if (m.max !== undefined && got.length > m.max) count('at most', m.max)
      }
      got.forEach((value, i) => {
        const failure = checkRuleList(list, values[i] ?? values[0], value, 'text')[0]
        if (failure) push(name, failure.expected, failure.actual, failure.rule, failure.text)
      })
      continue
    }
    if (values.length !== got.length || values.some((v, i) => v !== got[i]))
      push(name, show(values), show(got), 'equality', `expected ${show(values)}, got ${show(got)}`)
  }
  for (const name in actual) {
    if (Object.hasOwn(want, name)) continue
    push(
      name,
      'nothing',
      show(actual[name]!),
      'query',
      `unexpected parameter with ${show(actual[name]!)} (the interaction does not have it)`,
    )
  }
}
