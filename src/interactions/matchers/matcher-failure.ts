import { describeActual, describeKind, kindOf, showValue } from './describe-value.js'

/** Why one matcher rejected a value: the words for a `Mismatch` without the path. */
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

/** Says whether the number being checked was written as a float (`10.0`), for whole values. */
export type FloatHint = () => boolean

/** `expected <expectedWords>, got <the actual value in words>`. */
export function createFailure(
  rule: string,
  expected: string,
  actual: unknown,
  expectedWords: string,
): Failure {
  return {
    rule,
    expected,
    actual: showValue(actual),
    text: `expected ${expectedWords}, got ${describeActual(actual)}`,
  }
}

/** A value of another JSON kind than the example's. */
export function typeFailure(rule: string, expected: unknown, actual: unknown): Failure {
  return {
    rule,
    expected: kindOf(expected),
    actual: kindOf(actual),
    text: `expected ${describeKind(expected)}, got ${describeActual(actual)}`,
  }
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
