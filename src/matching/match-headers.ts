import type { Headers, Mismatch } from '../model/index.js'
import type { ActualHeaders } from './actual.js'
import { checkRuleList } from './check-rule-list.js'
import type { CompiledRuleList } from '../interactions/matchers/compile-matcher.js'
import { parseMediaType } from '../interactions/content-type.js'

/** Headers whose values may contain commas that do not separate values. */
const SINGLE_VALUE = new Set([
  'date',
  'accept-datetime',
  'if-modified-since',
  'if-unmodified-since',
  'expires',
  'retry-after',
  'last-modified',
  'set-cookie',
  'user-agent',
  'content-type',
  'authorization',
  'www-authenticate',
  'proxy-authenticate',
  'cookie',
])

/** Headers compared as media types: parameters in any order, extra actual parameters allowed. */
const PARAMETERISED = new Set(['content-type', 'accept'])

/** Header values as Pact compares them: comma-separated lists split and trimmed. */
export function splitHeaderValues(name: string, values: readonly string[]): string[] {
  if (SINGLE_VALUE.has(name)) return values.map((v) => v.trim())
  const out: string[] = []
  for (const value of values) {
    for (const part of value.split(',')) {
      const trimmed = part.trim()
      if (trimmed !== '') out.push(trimmed)
    }
  }
  return out
}

/** Actual headers by lower-case name, values as lists. */
export function indexHeaders(headers: ActualHeaders | undefined): Map<string, readonly string[]> {
  const index = new Map<string, readonly string[]>()
  if (!headers) return index
  for (const name in headers) {
    const value = headers[name]
    if (value === undefined) continue
    const key = name.toLowerCase()
    const list = typeof value === 'string' ? [value] : value
    const existing = index.get(key)
    index.set(key, existing ? [...existing, ...list] : list)
  }
  return index
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"')
    ? value.slice(1, -1)
    : value
}

/** `application/json;charset=utf-8` matches `application/json; charset=UTF-8; boundary=x`. */
function sameMediaType(expected: string, actual: string): boolean {
  const e = parseMediaType(expected, false)
  const a = parseMediaType(actual, false)
  if (e.base !== a.base) return false
  for (const [key, value] of e.parameters) {
    const other = a.parameters.get(key)
    if (other === undefined) return false
    if (
      key === 'charset'
        ? unquote(value).toLowerCase() !== unquote(other).toLowerCase()
        : unquote(value) !== unquote(other)
    )
      return false
  }
  return true
}

function quoteAll(values: readonly string[]): string {
  return JSON.stringify(values.join(', '))
}

/**
 * Matches expected headers against actual ones: names case-insensitively, values in order
 * (comma-separated lists split), media types by base and parameters, rules by header name.
 * Extra actual headers are allowed.
 */
export function matchHeaders(
  expected: Headers | undefined,
  actual: ActualHeaders | undefined,
  rules: ReadonlyMap<string, CompiledRuleList>,
  mismatches: Mismatch[],
): void {
  if (!expected) return
  const index = indexHeaders(actual)
  for (const name in expected) {
    const key = name.toLowerCase()
    const raw = index.get(key)
    const want = splitHeaderValues(key, expected[name]!)
    const push = (expectedWords: string, actualWords: string, rule: string, text: string) =>
      mismatches.push({
        part: 'header',
        path: name,
        expected: expectedWords,
        actual: actualWords,
        rule,
        message: `header ${name}: ${text}`,
      })
    if (raw === undefined) {
      push(
        quoteAll(want),
        'nothing',
        'header',
        `expected ${quoteAll(want)}, but the header is missing`,
      )
      continue
    }
    const got = splitHeaderValues(key, raw)
    const list = rules.get(key)
    if (list) {
      // Pact applies a header's rules to the value as received, commas and all.
      const failure = checkRuleList(list, want.join(', '), raw.join(', '), 'text')[0]
      if (failure) push(failure.expected, quoteAll(raw), failure.rule, failure.text)
      continue
    }
    if (want.length === 0) {
      if (got.length > 0)
        push('""', quoteAll(raw), 'equality', `expected an empty value, got ${quoteAll(raw)}`)
      continue
    }
    const parameterised = PARAMETERISED.has(key)
    const same =
      want.length === got.length &&
      want.every((value, i) => {
        const other = got[i]
        if (other === undefined) return false
        return parameterised ? sameMediaType(value, other) : value === other
      })
    if (!same)
      push(
        quoteAll(want),
        quoteAll(raw),
        'equality',
        `expected ${quoteAll(want)}, got ${quoteAll(raw)}`,
      )
  }
}
