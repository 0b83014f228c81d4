/** Where in the request or response a mismatch is. */
export type MismatchPart = 'status' | 'method' | 'path' | 'query' | 'header' | 'body'

/**
 * One difference between what was expected and what was seen. Data, never an exception:
 * a broken contract is a normal result.
 */
export interface Mismatch {
  part: MismatchPart
  /** `$.id`, `$.items[2].name` for bodies; the header or query name for those parts. */
  path: string
  /** What was expected, in words a person reads (`number`, `"abc"`, `matching /\d+/`). */
  expected: string
  /** What was seen, in the same terms. */
  actual: string
  /** The matcher that failed (`type`, `regex`, `equality`, …). */
  rule: string
  /** One line a person understands: `$.id: expected a number (like 1), got the string "1"`. */
  message: string
}
