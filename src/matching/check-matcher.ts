import type { CompiledMatcher, CompiledRuleList } from './compile-rules.js'
import { detectContentType, parseMediaType } from './content-type.js'
import { describeActual, describeKind, kindOf, showValue } from './describe-value.js'
import { jsonEqual } from './json-equal.js'

/** Why one matcher rejected a value: the words for {@link Mismatch} without the path. */
export interface Failure {
  rule: string
  expected: string
  actual: string
  /** `expected a number (like 1), got the string "1"` */
  text: string
}

/**
 * `json`: values from a parsed JSON body, where `"1"` is not a number.
 * `text`: header, query and path values, which are always text, so `"1"` may be an integer.
 */
export type ValueMode = 'json' | 'text'

const INTEGER_TEXT = /^[-+]?\d+$/
const DECIMAL_TEXT = /^[-+]?\d*\.\d+(?:[eE][-+]?\d+)?$/
const NUMBER_TEXT = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/

const DATE_WORDS: Record<string, string> = {
  date: 'a date',
  time: 'a time',
  datetime: 'a date-time',
  timestamp: 'a timestamp',
}

function fail(rule: string, expected: string, actual: unknown, expectedWords: string): Failure {
  return {
    rule,
    expected,
    actual: showValue(actual),
    text: `expected ${expectedWords}, got ${describeActual(actual)}`,
  }
}

function typeFailure(rule: string, expected: unknown, actual: unknown): Failure {
  return {
    rule,
    expected: kindOf(expected),
    actual: kindOf(actual),
    text: `expected ${describeKind(expected)}, got ${describeActual(actual)}`,
  }
}

/** The text a string-based matcher sees: strings as they are, numbers and booleans as written. */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

function sameKind(expected: unknown, actual: unknown): boolean {
  return expected === undefined || kindOf(expected) === kindOf(actual)
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true
  if (Array.isArray(value)) return value.length === 0
  if (typeof value === 'object') return Object.keys(value).length === 0
  return false
}

/** Equality, worded for a person: same kinds show values, different kinds say so. */
export function equalityFailure(expected: unknown, actual: unknown): Failure {
  const words =
    kindOf(expected) === kindOf(actual)
      ? `${showValue(expected)}, got ${showValue(actual)}`
      : `${describeActual(expected)}, got ${describeActual(actual)}`
  return {
    rule: 'equality',
    expected: showValue(expected),
    actual: showValue(actual),
    text: `expected ${words}`,
  }
}

/** Says whether the number being checked was written as a float (`10.0`), for whole values. */
export type FloatHint = () => boolean

const NEVER: FloatHint = () => false

/**
 * Applies one matcher to one value. `expected` is the example from the Pact file (undefined
 * when there is none, e.g. a key only eachValue governs).
 */
export function checkMatcher(
  m: CompiledMatcher,
  expected: unknown,
  actual: unknown,
  mode: ValueMode,
  writtenAsFloat: FloatHint = NEVER,
): Failure | undefined {
  switch (m.name) {
    case 'equality':
      return jsonEqual(expected, actual) ? undefined : equalityFailure(expected, actual)
    case 'eachKey':
      // Keys are eachKey's business; Pact passes the values it cascades to.
      return undefined
    case 'type':
    case 'values':
    case 'eachValue':
    case 'arrayContains':
      return sameKind(expected, actual) ? undefined : typeFailure(m.name, expected, actual)
    case 'regex': {
      const text = asText(actual)
      return text !== undefined && m.pattern!.test(text)
        ? undefined
        : fail('regex', `matching /${m.source}/`, actual, `a value matching /${m.source}/`)
    }
    case 'include': {
      const text = asText(actual)
      return text !== undefined && text.includes(m.text!)
        ? undefined
        : fail(
            'include',
            `including ${JSON.stringify(m.text)}`,
            actual,
            `a value including ${JSON.stringify(m.text)}`,
          )
    }
    case 'integer': {
      const ok =
        typeof actual === 'number'
          ? Number.isInteger(actual) && !writtenAsFloat()
          : mode === 'text' && typeof actual === 'string' && INTEGER_TEXT.test(actual)
      if (ok) return undefined
      const failure = fail('integer', 'integer', actual, 'an integer')
      return typeof actual === 'number' && Number.isInteger(actual)
        ? { ...failure, text: `${failure.text} written as a decimal` }
        : failure
    }
    case 'decimal': {
      const ok =
        typeof actual === 'number'
          ? !Number.isInteger(actual) || writtenAsFloat()
          : mode === 'text' && typeof actual === 'string' && DECIMAL_TEXT.test(actual)
      return ok
        ? undefined
        : fail(
            'decimal',
            'decimal number',
            actual,
            'a decimal number (with digits after the point)',
          )
    }
    case 'number': {
      const ok =
        typeof actual === 'number' ||
        (mode === 'text' && typeof actual === 'string' && NUMBER_TEXT.test(actual))
      return ok ? undefined : fail('number', 'number', actual, 'a number')
    }
    case 'boolean': {
      // Pact accepts "true" and "false" as text even in JSON bodies.
      const ok = typeof actual === 'boolean' || actual === 'true' || actual === 'false'
      return ok ? undefined : fail('boolean', 'boolean', actual, 'a boolean')
    }
    case 'null':
      return actual === null ? undefined : fail('null', 'null', actual, 'null')
    case 'date':
    case 'time':
    case 'datetime':
    case 'timestamp':
      return typeof actual === 'string' && m.pattern!.test(actual)
        ? undefined
        : fail(
            m.name,
            `${m.name} ${m.source}`,
            actual,
            `${DATE_WORDS[m.name]} in the format ${m.source}`,
          )
    case 'semver':
      return typeof actual === 'string' && m.pattern!.test(actual)
        ? undefined
        : fail('semver', 'semantic version', actual, 'a semantic version (like 1.0.0)')
    case 'notEmpty':
      if (mode === 'json' && !sameKind(expected, actual))
        return typeFailure('notEmpty', expected, actual)
      return isEmpty(actual)
        ? fail(
            'notEmpty',
            'not empty',
            actual,
            `a non-empty ${kindOf(expected) === 'nothing' ? 'value' : kindOf(expected)}`,
          )
        : undefined
    case 'contentType': {
      const text = asText(actual)
      const detected =
        text === undefined ? kindOf(actual) : detectContentType(new TextEncoder().encode(text))
      return parseMediaType(detected).base === parseMediaType(m.text!).base
        ? undefined
        : {
            rule: 'contentType',
            expected: m.text!,
            actual: detected,
            text: `expected content of type ${m.text}, got ${detected}`,
          }
    }
    default:
      // statusCode only means something for a status; elsewhere it constrains nothing.
      return undefined
  }
}

/**
 * Applies a rule list to one value: every matcher must pass (AND), or any one (OR).
 * Returns the failures to report (empty when the value passes).
 */
export function checkRuleList(
  list: CompiledRuleList,
  expected: unknown,
  actual: unknown,
  mode: ValueMode,
  writtenAsFloat?: FloatHint,
): Failure[] {
  const failures: Failure[] = []
  for (const m of list.matchers) {
    const failure = checkMatcher(m, expected, actual, mode, writtenAsFloat)
    if (!failure) {
      if (list.combine === 'OR') return []
      continue
    }
    failures.push(failure)
  }
  if (list.combine === 'OR' && failures.length > 1) {
    const wanted = failures.map((f) => f.text.replace(/^expected /, '').replace(/, got [^]*$/, ''))
    return [
      {
        rule: failures.map((f) => f.rule).join(' or '),
        expected: failures.map((f) => f.expected).join(' or '),
        actual: failures[0]!.actual,
        text: `expected ${wanted.join(' or ')}, got ${describeActual(actual)}`,
      },
    ]
  }
  return failures
}
