/**
 * Matching rules in Pact V4's shape. V2 and V3 files are converted to this on read.
 * @see https://github.com/pact-foundation/pact-specification/tree/version-4
 */

/**
 * The matchers of Pact V3/V4 (`match` field of a rule), in the order messages list them. What
 * each one means lives in one table (`interactions/matchers/matcher-table.ts`), which the
 * compiler checks against this list.
 */
export const MATCHER_NAMES = [
  'equality',
  'regex',
  'type',
  'include',
  'integer',
  'decimal',
  'number',
  'boolean',
  'null',
  'date',
  'time',
  'timestamp',
  'datetime',
  'contentType',
  'values',
  'arrayContains',
  'eachKey',
  'eachValue',
  'notEmpty',
  'semver',
  'statusCode',
] as const

export type MatcherName = (typeof MATCHER_NAMES)[number]

/**
 * One matcher as it stands in a V4 Pact file, e.g. `{ match: 'type', min: 1 }` or
 * `{ match: 'regex', regex: '\\d+' }`. Unknown keys are kept so a round trip is lossless.
 */
export interface MatchingRule {
  match: MatcherName | (string & {})
  min?: number
  max?: number
  regex?: string
  value?: unknown
  format?: string
  /** statusCode: a class name (`success`, `clientError`, …) or a list of codes. */
  status?: string | number[]
  /** arrayContains: the variants an actual array must contain. */
  variants?: {
    index: number
    rules: Record<string, RuleList>
    generators?: Record<string, unknown>
  }[]
  /** eachKey / eachValue: the rules to apply, nested. */
  rules?: MatchingRule[]
  [key: string]: unknown
}

/** The rules at one path, and how they combine. */
export interface RuleList {
  matchers: MatchingRule[]
  combine?: 'AND' | 'OR'
}

/** Rule categories of a request or response. */
export type RuleCategory = 'body' | 'header' | 'query' | 'path' | 'status' | 'method' | 'metadata'

/**
 * Rules by category, then by expression: a JSONPath-like expression for `body`
 * (`$.items[*].id`), a name for `header` and `query`. The single-valued categories
 * (`path`, `status`, `method`) are keyed by `''`.
 */
export type MatchingRules = Partial<Record<RuleCategory, Record<string, RuleList>>>

/** Generators by category, kept as read so a round trip is lossless. Not interpreted yet. */
export type Generators = Partial<Record<string, unknown>>
