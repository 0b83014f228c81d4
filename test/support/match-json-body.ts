import { matchResponse } from '../../src/matching/index.js'
import type { HttpResponse } from '../../src/model/index.js'

/** The mismatch messages of a live 200 JSON answer of `body` against the `expected` response. */
export function matchJsonBody(expected: HttpResponse, body: unknown): string[] {
  return matchResponse(expected, {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).map((m) => m.message)
}
