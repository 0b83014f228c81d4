import type { HttpResponse, Mismatch } from '../model/index.js'
import type { ActualResponse } from './actual.js'
import { compileResponse } from './compile-expectation.js'
import { matchHeadersAndBody } from './match-headers-and-body.js'
import { matchStatus } from './match-status.js'

/**
 * Matches a response as received against the recorded one, with Pact V3/V4 semantics:
 * status (with V4 statusCode rules), headers, body. Extra headers and extra object keys in the
 * actual response are allowed. Returns every mismatch found; none means the response conforms.
 *
 * @example
 * matchResponse(interaction.response, { status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"1"}' })
 * // → [{ part: 'body', path: '$.id', message: '$.id: expected a number (like 1), got the string "1"', … }]
 * @throws UpcheckError `RULE_INVALID` when a rule of the expected response cannot be applied.
 */
export function matchResponse(expected: HttpResponse, actual: ActualResponse): Mismatch[] {
  const compiled = compileResponse(expected)
  const mismatches: Mismatch[] = []
  matchStatus(compiled.status, actual.status, compiled.statusRules, mismatches)
  matchHeadersAndBody(compiled, actual, mismatches)
  return mismatches
}
