import type { MatchingRule } from '../model/index.js'

/**
 * Full-match patterns (Pact applies a regex to the whole value) for strings whose shape is
 * the contract and whose value is not. Written in the syntax Pact's engines and JavaScript share.
 */
export const UUID_REGEX =
  '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
/** Fractional seconds and offset vary between serialisers (and between a value that has them and one that does not). */
export const DATE_TIME_REGEX =
  '^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}(:?\\d{2})?)?$'
export const URL_REGEX = '^https?://\\S+$'

const UUID = new RegExp(UUID_REGEX)
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}(:?\d{2})?)?$/
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
const URL_SHAPE = /^https?:\/\/[^\s/?#]+[^\s]*$/

export type ValueShape = 'uuid' | 'date' | 'date-time' | 'url'

/** The shape a string value has, when it has one worth a rule. */
export function detectShape(value: string): ValueShape | undefined {
  if (UUID.test(value)) return 'uuid'
  if (DATE.test(value)) return 'date'
  // Require a real calendar date too: `2024-13-45T…` is an id that happens to look like one.
  if (DATE_TIME.test(value) && DATE.test(value.slice(0, 10))) return 'date-time'
  if (URL_SHAPE.test(value)) return 'url'
  return undefined
}

/** The rule that keeps a shape and lets the value change. */
export function ruleForShape(shape: ValueShape): MatchingRule {
  switch (shape) {
    case 'uuid':
      return { match: 'regex', regex: UUID_REGEX }
    case 'date':
      return { match: 'date', format: 'yyyy-MM-dd' }
    case 'date-time':
      return { match: 'regex', regex: DATE_TIME_REGEX }
    case 'url':
      return { match: 'regex', regex: URL_REGEX }
  }
}
