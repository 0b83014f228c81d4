import type { MatcherName, MatchingRule } from '../../model/index.js'
import { detectContentType, parseMediaType } from '../content-type.js'
import type { ReadLocation } from '../pact-error.js'
import {
  compileDateFormat,
  defaultDateFormat,
  type DateTimeMatcherName,
} from './compile-date-format.js'
import type { CompiledMatcher, MatcherParts, NestedCompiler } from './compile-matcher.js'
import { compileRuleRegex } from './compile-rule-regex.js'
import { describeActual, items, kindOf, showValue } from './describe-value.js'
import { isSemanticVersion } from './is-semantic-version.js'
import { jsonEqual } from './json-equal.js'
import {
  createFailure,
  equalityFailure,
  typeFailure,
  type Failure,
  type FloatHint,
  type ValueMode,
} from './matcher-failure.js'
import { childAt, isObject, ruleError } from './rule-error.js'

/**
 * What one Pact matcher means: how its rule is checked and compiled, and how it judges values.
 * Only `check` is required; the other hooks default to "judge it as a value" or "no effect".
 */
export interface MatcherDefinition {
  /**
   * Checks the rule's own fields and works out what checking needs (a compiled regex, bounds).
   * Throws `RULE_INVALID` via {@link ruleError} at `at`, the rule's place in the file.
   */
  compile?(rule: MatchingRule, at: ReadLocation, nested: NestedCompiler): MatcherParts
  /**
   * Judges one value: a JSON leaf, or the text of a header, query parameter, path or method.
   * `expected` is the example from the Pact file (undefined when there is none, e.g. a key only
   * eachValue governs).
   */
  check(
    m: CompiledMatcher,
    expected: unknown,
    actual: unknown,
    mode: ValueMode,
    writtenAsFloat: FloatHint,
  ): Failure | undefined
  /**
   * Judges an object or array the rule governs; `direct` when the rule was written for this very
   * node rather than cascading from above. Default: a matcher meant for leaves is misapplied
   * here, reported when written for this node, ignored when cascading to the leaves below.
   */
  checkContainer?(
    m: CompiledMatcher,
    expected: unknown,
    actual: unknown[] | Record<string, unknown>,
    size: number,
    direct: boolean,
  ): Failure[] | undefined
  /** Judges a status code; returns the words for what was wanted. Default: `check` on its text. */
  checkStatus?(m: CompiledMatcher, expected: number, actual: number): string | undefined
  /** Judges a whole text or binary body (a rule at `$`). Default: `check` on its text. */
  checkBody?(m: CompiledMatcher, example: unknown, actual: string | Uint8Array): Failure | undefined
  /** Constrains a container's shape only, so says nothing of the values it cascades to. */
  containerOnly?: boolean
  /** An array it governs may be longer or shorter than the example. */
  flexibleArray?: boolean
  /** The keys of an object it governs are free; every value is matched against the example. */
  anyKeys?: boolean
}

const INTEGER_TEXT = /^[-+]?\d+$/
const DECIMAL_TEXT = /^[-+]?\d*\.\d+(?:[eE][-+]?\d+)?$/
const NUMBER_TEXT = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/

/** Pact V4's status classes, as ranges and words. */
const STATUS_RANGES = {
  information: { from: 100, to: 199, words: 'an informational status (100–199)' },
  success: { from: 200, to: 299, words: 'a success status (200–299)' },
  redirect: { from: 300, to: 399, words: 'a redirect status (300–399)' },
  clientError: { from: 400, to: 499, words: 'a client error status (400–499)' },
  serverError: { from: 500, to: 599, words: 'a server error status (500–599)' },
  nonError: { from: 100, to: 399, words: 'a non-error status (100–399)' },
  error: { from: 400, to: 599, words: 'an error status (400–599)' },
} as const

export const STATUS_CLASSES = Object.keys(STATUS_RANGES) as (keyof typeof STATUS_RANGES)[]

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

function bytesOf(actual: string | Uint8Array): Uint8Array {
  return typeof actual === 'string' ? new TextEncoder().encode(actual) : actual
}

function requireString(rule: MatchingRule, key: string, at: ReadLocation, what: string): string {
  const value = rule[key]
  if (typeof value !== 'string') {
    throw ruleError(
      at,
      key,
      `a "${String(rule.match)}" rule needs ${what} in "${key}", found ${value === undefined ? 'nothing' : JSON.stringify(value)}`,
      `Add "${key}" to the rule`,
    )
  }
  return value
}

function readCount(rule: MatchingRule, key: 'min' | 'max', at: ReadLocation): number | undefined {
  const value = rule[key]
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw ruleError(
      at,
      key,
      `${key} is ${JSON.stringify(value)}, not a whole number of items`,
      `Set ${key} to 0 or more, or remove it`,
    )
  }
  return value
}

/** eachKey / eachValue: `rules`, the matchers to apply to each key or value. */
function compileNestedRules(rule: MatchingRule, at: ReadLocation, nested: NestedCompiler) {
  const rules = rule.rules
  if (rules !== undefined && !Array.isArray(rules)) {
    throw ruleError(
      at,
      'rules',
      'the nested rules are not a list',
      'Make "rules" a list of matchers',
    )
  }
  return {
    nested: nested.matchers(rules ?? [], childAt(at, 'rules')),
  }
}

function sizeFailure(limit: 'at least' | 'at most', bound: number, size: number): Failure {
  return {
    rule: 'type',
    expected: `${limit} ${items(bound)}`,
    actual: items(size),
    text: `expected an array of ${limit} ${items(bound)}, got ${items(size)}`,
  }
}

/** Matchers with no say over a container: they act through the walk, or on leaves only. */
const NOTHING_ON_CONTAINERS = () => undefined

const sameKindCheck: MatcherDefinition['check'] = (m, expected, actual) =>
  sameKind(expected, actual) ? undefined : typeFailure(m.name, expected, actual)

function contentTypeFailure(m: CompiledMatcher, detected: string): Failure | undefined {
  return parseMediaType(detected).base === parseMediaType(m.text!).base
    ? undefined
    : {
        rule: 'contentType',
        expected: m.text!,
        actual: detected,
        text: `expected content of type ${m.text}, got ${detected}`,
      }
}

function dateMatcher(name: DateTimeMatcherName, words: string): MatcherDefinition {
  return {
    compile(rule, at) {
      // Pact-JVM writes the format under the matcher's own name (`"date": "yyyy-MM-dd"`).
      const key = rule.format !== undefined ? 'format' : name in rule ? name : 'format'
      const format = rule[key]
      if (format !== undefined && typeof format !== 'string') {
        throw ruleError(
          at,
          key,
          `the format is ${JSON.stringify(format)}, not a string`,
          `Use a pattern like "yyyy-MM-dd"`,
        )
      }
      try {
        return {
          pattern: compileDateFormat(format, name),
          source: format !== undefined && format !== '' ? format : defaultDateFormat(name),
        }
      } catch (error) {
        throw ruleError(
          at,
          key,
          `the ${name} format ${JSON.stringify(format)} is not valid (${error instanceof Error ? error.message : String(error)})`,
          `Use a Java date/time pattern like "yyyy-MM-dd'T'HH:mm:ss"`,
          error,
        )
      }
    },
    check: (m, _expected, actual) =>
      typeof actual === 'string' && m.pattern!.test(actual)
        ? undefined
        : createFailure(name, `${name} ${m.source}`, actual, `${words} in the format ${m.source}`),
  }
}

/**
 * Every matcher Pact V3/V4 defines. Adding one is one entry here (and its name in
 * `MATCHER_NAMES`); the compiler refuses a name without an entry.
 */
export const MATCHERS = {
  equality: {
    check: (_m, expected, actual) =>
      jsonEqual(expected, actual) ? undefined : equalityFailure(expected, actual),
    checkContainer: NOTHING_ON_CONTAINERS,
  },
  regex: {
    compile(rule, at) {
      const regex = requireString(rule, 'regex', at, 'a regular expression')
      try {
        return { pattern: compileRuleRegex(regex), source: regex }
      } catch (error) {
        const reason =
          error instanceof Error
            ? error.message.replace(/^Invalid regular expression: /, '')
            : String(error)
        throw ruleError(
          at,
          'regex',
          `the regex ${JSON.stringify(regex)} is not valid (${reason})`,
          'Fix the regular expression',
          error,
        )
      }
    },
    check(m, _expected, actual) {
      const text = asText(actual)
      return text !== undefined && m.pattern!.test(text)
        ? undefined
        : createFailure('regex', `matching /${m.source}/`, actual, `a value matching /${m.source}/`)
    },
  },
  type: {
    compile: (rule, at) => ({ min: readCount(rule, 'min', at), max: readCount(rule, 'max', at) }),
    check: sameKindCheck,
    checkContainer(m, _expected, actual, size, direct) {
      // min and max bound the items of the array the rule was written for.
      if (!direct || !Array.isArray(actual)) return undefined
      const failures: Failure[] = []
      if (m.min !== undefined && size < m.min) failures.push(sizeFailure('at least', m.min, size))
      if (m.max !== undefined && size > m.max) failures.push(sizeFailure('at most', m.max, size))
      return failures
    },
    flexibleArray: true,
  },
  include: {
    compile: (rule, at) => ({ text: requireString(rule, 'value', at, 'the text to look for') }),
    check(m, _expected, actual) {
      const text = asText(actual)
      return text !== undefined && text.includes(m.text!)
        ? undefined
        : createFailure(
            'include',
            `including ${JSON.stringify(m.text)}`,
            actual,
            `a value including ${JSON.stringify(m.text)}`,
          )
    },
  },
  integer: {
    check(_m, _expected, actual, mode, writtenAsFloat) {
      const ok =
        typeof actual === 'number'
          ? // Beyond double range the parser keeps no digits: the literal counts as a number of the expected kind.
            (Number.isInteger(actual) || isOverflowed(actual)) && !writtenAsFloat()
          : mode === 'text' && typeof actual === 'string' && INTEGER_TEXT.test(actual)
      if (ok) return undefined
      const failure = createFailure('integer', 'integer', actual, 'an integer')
      return typeof actual === 'number' && Number.isInteger(actual)
        ? { ...failure, text: `${failure.text} written as a decimal` }
        : failure
    },
  },
  decimal: {
    check(_m, _expected, actual, mode, writtenAsFloat) {
      const ok =
        typeof actual === 'number'
          ? !Number.isInteger(actual) || writtenAsFloat()
          : mode === 'text' && typeof actual === 'string' && DECIMAL_TEXT.test(actual)
      return ok
        ? undefined
        : createFailure(
            'decimal',
            'decimal number',
            actual,
            'a decimal number (with digits after the point)',
          )
    },
  },
  number: {
    check(_m, _expected, actual, mode) {
      const ok =
        typeof actual === 'number' ||
        (mode === 'text' && typeof actual === 'string' && NUMBER_TEXT.test(actual))
      return ok ? undefined : createFailure('number', 'number', actual, 'a number')
    },
  },
  boolean: {
    check(_m, _expected, actual) {
      // Pact accepts "true" and "false" as text even in JSON bodies.
      const ok = typeof actual === 'boolean' || actual === 'true' || actual === 'false'
      return ok ? undefined : createFailure('boolean', 'boolean', actual, 'a boolean')
    },
  },
  null: {
    check: (_m, _expected, actual) =>
      actual === null ? undefined : createFailure('null', 'null', actual, 'null'),
  },
  date: dateMatcher('date', 'a date'),
  time: dateMatcher('time', 'a time'),
  timestamp: dateMatcher('timestamp', 'a timestamp'),
  datetime: dateMatcher('datetime', 'a date-time'),
  contentType: {
    compile: (rule, at) => ({ text: requireString(rule, 'value', at, 'a media type') }),
    check(m, _expected, actual) {
      const text = asText(actual)
      const detected =
        text === undefined ? kindOf(actual) : detectContentType(new TextEncoder().encode(text))
      return contentTypeFailure(m, detected)
    },
    // A binary body is judged by its bytes (magic numbers), not by its text.
    checkBody: (m, _example, actual) => contentTypeFailure(m, detectContentType(bytesOf(actual))),
  },
  values: {
    check: sameKindCheck,
    checkContainer: NOTHING_ON_CONTAINERS,
    containerOnly: true,
    flexibleArray: true,
    anyKeys: true,
  },
  arrayContains: {
    compile(rule, at, nested) {
      const variants = rule.variants as unknown
      const variantsAt = childAt(at, 'variants')
      if (!Array.isArray(variants))
        throw ruleError(
          variantsAt,
          undefined,
          'an arrayContains rule needs a list of "variants"',
          'Add the variants the array must contain',
        )
      return {
        variants: variants.map((variant: unknown, i) => {
          const variantAt = childAt(variantsAt, i)
          if (!isObject(variant) || !Number.isInteger(variant.index) || Number(variant.index) < 0) {
            throw ruleError(
              variantAt,
              undefined,
              'a variant needs an "index" into the expected array',
              'Add the index of the example item',
            )
          }
          return {
            index: variant.index as number,
            rules: nested.ruleSet(variant.rules ?? {}, childAt(variantAt, 'rules')),
          }
        }),
      }
    },
    check: sameKindCheck,
    checkContainer: NOTHING_ON_CONTAINERS,
    containerOnly: true,
    flexibleArray: true,
  },
  eachKey: {
    compile: compileNestedRules,
    // Keys are eachKey's business (the walk applies its rules to them); Pact passes the values.
    check: () => undefined,
    checkContainer: NOTHING_ON_CONTAINERS,
    flexibleArray: true,
  },
  eachValue: {
    compile: compileNestedRules,
    check: sameKindCheck,
    checkContainer: NOTHING_ON_CONTAINERS,
    containerOnly: true,
    flexibleArray: true,
    anyKeys: true,
  },
  notEmpty: {
    check(_m, expected, actual, mode) {
      if (mode === 'json' && !sameKind(expected, actual))
        return typeFailure('notEmpty', expected, actual)
      return isEmpty(actual)
        ? createFailure(
            'notEmpty',
            'not empty',
            actual,
            `a non-empty ${kindOf(expected) === 'nothing' ? 'value' : kindOf(expected)}`,
          )
        : undefined
    },
    checkContainer: (_m, _expected, actual, size) =>
      size === 0
        ? [
            {
              rule: 'notEmpty',
              expected: 'not empty',
              actual: showValue(actual),
              text: `expected a non-empty ${Array.isArray(actual) ? 'array' : 'object'}, got ${describeActual(actual)}`,
            },
          ]
        : undefined,
    checkBody: (_m, _example, actual) =>
      actual.length === 0
        ? {
            rule: 'notEmpty',
            expected: 'not empty',
            actual: 'empty',
            text: 'expected a non-empty body, got an empty one',
          }
        : undefined,
    flexibleArray: true,
  },
  semver: {
    compile: () => ({ pattern: { test: isSemanticVersion } }),
    check: (m, _expected, actual) =>
      typeof actual === 'string' && m.pattern!.test(actual)
        ? undefined
        : createFailure('semver', 'semantic version', actual, 'a semantic version (like 1.0.0)'),
  },
  statusCode: {
    compile(rule, at) {
      const status = rule.status
      const valid =
        (typeof status === 'string' && Object.hasOwn(STATUS_RANGES, status)) ||
        (Array.isArray(status) && status.length > 0 && status.every((s) => Number.isInteger(s)))
      if (!valid) {
        throw ruleError(
          at,
          'status',
          `the status ${JSON.stringify(status)} is neither a status class nor a list of codes`,
          `Use one of ${STATUS_CLASSES.join(', ')}, or a list like [200, 201]`,
        )
      }
      return { status }
    },
    // A status class means something for a status only; elsewhere it constrains nothing.
    check: () => undefined,
    checkContainer: NOTHING_ON_CONTAINERS,
    checkStatus: (m, _expected, actual) => checkStatusCode(m, actual),
  },
} satisfies Record<MatcherName, MatcherDefinition>

/** Applies a V4 statusCode matcher; returns the words for what was wanted when it fails. */
export function checkStatusCode(m: CompiledMatcher, actual: number): string | undefined {
  const status = m.status
  if (Array.isArray(status))
    return status.includes(actual) ? undefined : `one of ${status.join(', ')}`
  const range = (STATUS_RANGES as Record<string, { from: number; to: number; words: string }>)[
    String(status)
  ]
  if (!range) return `a status of the unknown class ${JSON.stringify(status)}`
  return actual >= range.from && actual <= range.to ? undefined : range.words
}

/** A JSON number too large for a double, which `JSON.parse` turns into ±Infinity. */
function isOverflowed(value: number): boolean {
  return value === Infinity || value === -Infinity
}
