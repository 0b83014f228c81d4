/** How much a change matters to a client of the API. */
export type ChangeSeverity = 'breaking' | 'warning' | 'info'

export const SEVERITIES: readonly ChangeSeverity[] = ['breaking', 'warning', 'info']

/** One difference between two OpenAPI documents, classified by a rule. */
export interface SpecChange {
  /** Stable kebab-case rule id, like `response-property-type-changed`. See docs/rules.md. */
  rule: string
  severity: ChangeSeverity
  /**
   * `METHOD /path` as written in the base document (the revision's for an added operation);
   * absent for a document-wide change.
   */
  operation?: string
  /** JSON pointers into the base and the revision document (after 2.0 → 3.x conversion). */
  path: { base?: string; revision?: string }
  /** One line a person understands. */
  message: string
  /** Set when interactions were given: whether the change touches what they use. */
  affectsInteractions?: boolean
}

export interface DiffSummary {
  breaking: number
  warning: number
  info: number
}

/**
 * A way a document fails validation that the diff tolerated: real vendor documents are often
 * slightly invalid, and the diff of what is there is still worth having.
 */
export interface DiffProblem {
  document: 'base' | 'revision'
  /** `/json/pointer: what is wrong`, or the validator's message. */
  message: string
}

/** The result of `diffSpecs`, and the JSON that `upcheck diff --format json` prints. */
export interface DiffResult {
  /** The base document's source (path or URL) as given. */
  base: string
  /** The revision document's source as given. */
  revision: string
  summary: DiffSummary
  changes: SpecChange[]
  /** Validation problems of the two documents, diffed anyway; empty when both are valid. */
  problems: DiffProblem[]
}

/** Orders severities from most to least serious. */
export function compareSeverity(a: ChangeSeverity, b: ChangeSeverity): number {
  return SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b)
}

/** Whether `severity` is at or above `threshold`. */
export function isAtLeast(severity: ChangeSeverity, threshold: ChangeSeverity): boolean {
  return compareSeverity(severity, threshold) <= 0
}
