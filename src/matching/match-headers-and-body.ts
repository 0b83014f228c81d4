import type { Mismatch } from '../model/index.js'
import type { ActualHeaders } from './actual.js'
import type { CompiledHeadersAndBody } from './compile-expectation.js'
import { matchBody } from './match-body.js'
import { indexHeaders, matchHeaders } from './match-headers.js'

/** Matches what requests and responses share: headers, then the body by its actual media type. */
export function matchHeadersAndBody(
  compiled: CompiledHeadersAndBody,
  actual: { headers?: ActualHeaders; body?: string | Uint8Array },
  mismatches: Mismatch[],
): void {
  matchHeaders(compiled.headers, actual.headers, compiled.headerRules, mismatches)
  const contentType = indexHeaders(actual.headers).get('content-type')?.[0]
  matchBody(compiled.body, actual.body, contentType, compiled.bodyContext, mismatches)
}
