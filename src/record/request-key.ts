import { createHash } from 'node:crypto'
import type { HttpRequest } from '../model/index.js'

/** Keys sorted deeply, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are one body. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      )
    return `{${entries.join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/**
 * The request as deduplication sees it: method, path, query sorted by name (a name's values
 * in order), body. Headers do not count: the same call with another trace id is the same call.
 */
export function normaliseRequestForKey(request: HttpRequest): string {
  const query = Object.keys(request.query ?? {})
    .sort()
    .map((name) => [name, request.query![name]])
  const body =
    request.body === undefined
      ? null
      : [request.body.encoded ?? false, canonicalJson(request.body.content)]
  return JSON.stringify([request.method.toUpperCase(), request.path, query, body])
}

/** A V4 interaction key: a stable hash of the normalised (redacted) request. */
export function computeRequestKey(request: HttpRequest): string {
  return createHash('sha256').update(normaliseRequestForKey(request)).digest('hex').slice(0, 16)
}
