import { joinJsonPath } from '../json-path.js'
import { createPactError, type ReadLocation } from '../pact-error.js'

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The place of `key` inside the value at `at`. */
export function childAt(at: ReadLocation, key: string | number): ReadLocation {
  return { file: at.file, path: joinJsonPath(at.path, key) }
}

/**
 * The error for a rule that cannot be applied, at `key` inside the rule at `at`:
 * `file: $.path.key: what is wrong. What to do.`
 */
export function ruleError(
  at: ReadLocation,
  key: string | number | undefined,
  problem: string,
  remedy: string,
  cause?: unknown,
) {
  return createPactError(
    'RULE_INVALID',
    key === undefined ? at : childAt(at, key),
    problem,
    remedy,
    cause,
  )
}
