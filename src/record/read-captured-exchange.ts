import type { Headers, HttpRequest, HttpResponse } from '../model/index.js'
import type { CapturedExchange, HeaderPairs } from './captured-exchange.js'
import { BodyDecodeError, decodeContent, toModelBody } from './decode-body.js'
import { locateInTarget, type RecordingTarget } from './recording-target.js'

export type ReadExchange =
  | { kind: 'exchange'; request: HttpRequest; response: HttpResponse }
  /** Not for this contract, or nothing a replay could use; `reason` says which, in words. */
  | { kind: 'skipped'; reason: string }

/** Header pairs as the model holds them: one entry per name (first spelling kept), values in order. */
export function toModelHeaders(pairs: HeaderPairs): Headers | undefined {
  const out: Headers = {}
  const spelling = new Map<string, string>()
  for (const [name, value] of pairs) {
    const lower = name.toLowerCase()
    const key = spelling.get(lower) ?? name
    spelling.set(lower, key)
    ;(out[key] ??= []).push(value)
  }
  return Object.keys(out).length > 0 ? out : undefined
}

function headerValue(pairs: HeaderPairs, name: string): string | undefined {
  const values = pairs.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v)
  return values.length > 0 ? values.join(', ') : undefined
}

/**
 * Turns a captured exchange into a request (path relative to the contract's base URL) and a
 * response, bodies decoded. Nothing is redacted yet: the result stays in memory.
 */
export function readCapturedExchange(
  exchange: CapturedExchange,
  target: RecordingTarget,
): ReadExchange {
  let url: URL
  try {
    url = new URL(exchange.url)
  } catch {
    return { kind: 'skipped', reason: 'its URL cannot be parsed' }
  }
  const located = locateInTarget(url, target)
  if (!located)
    return {
      kind: 'skipped',
      reason: `it is not under the contract's base URL ${target.origin}${target.pathPrefix}`,
    }
  if (exchange.status === 304)
    return { kind: 'skipped', reason: 'a 304 only revalidates a cached response' }
  if (exchange.status < 200)
    return { kind: 'skipped', reason: `a ${exchange.status} is not a final response` }

  const method = exchange.method.toUpperCase()
  if (
    method === 'OPTIONS' &&
    headerValue(exchange.requestHeaders, 'access-control-request-method') !== undefined
  ) {
    return { kind: 'skipped', reason: "a CORS preflight is the browser's call, not the app's" }
  }
  const request: HttpRequest = { method, path: located.path }
  if (located.query) request.query = located.query
  const requestHeaders = toModelHeaders(exchange.requestHeaders)
  if (requestHeaders) request.headers = requestHeaders
  const response: HttpResponse = { status: exchange.status }
  const responseHeaders = toModelHeaders(exchange.responseHeaders)
  if (responseHeaders) response.headers = responseHeaders

  try {
    const requestBytes = decodeContent(
      exchange.requestBody,
      headerValue(exchange.requestHeaders, 'content-encoding'),
    )
    const requestBody = toModelBody(
      requestBytes,
      headerValue(exchange.requestHeaders, 'content-type'),
    )
    if (requestBody) request.body = requestBody
    if (method !== 'HEAD') {
      const encoding = exchange.responseBodyDecoded
        ? undefined
        : headerValue(exchange.responseHeaders, 'content-encoding')
      const responseBody = toModelBody(
        decodeContent(exchange.responseBody, encoding),
        headerValue(exchange.responseHeaders, 'content-type'),
      )
      if (responseBody) response.body = responseBody
    }
  } catch (error) {
    if (error instanceof BodyDecodeError) return { kind: 'skipped', reason: error.message }
    throw error
  }
  return { kind: 'exchange', request, response }
}
