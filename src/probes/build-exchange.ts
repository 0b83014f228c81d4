import type { ProbeRequest } from './build-probe-request.js'
import type { ProbeExchange, ResponseHeaders } from './probe-exchange.js'
import { describeLocation } from './redirect-request.js'
import { decodeContentEncoding } from './decode-content-encoding.js'
import { decodeResponseBody } from './response-body.js'
import type { HopResult } from './send-once.js'

/** How one try ended: its last hop, or a redirect that was not followed. */
export type TryResult =
  | { kind: 'hop'; hop: HopResult; request: ProbeRequest; redirects: number }
  | { kind: 'cross-origin'; status: number; target: URL; request: ProbeRequest; redirects: number }
  | {
      kind: 'too-many-redirects'
      status: number
      target: URL
      request: ProbeRequest
      redirects: number
    }

/** What turning a try into a result needs to know. */
export interface ExchangeContext {
  origin: string
  maxBodyBytes: number
  /** Removes the upstream's secrets from a string. */
  scrub: (text: string) => string
  /** False when there is nothing to scrub, so header objects are passed on as they are. */
  hasSecrets: boolean
}

/** Whether a try may be repeated: network faults (except a request that cannot be sent), 5xx and 429. */
export function isRetryable(result: TryResult, safe = true): boolean {
  if (result.kind !== 'hop') return false
  const { hop } = result
  // @note An unsafe request (allowed by probe.allowUnsafe) is tried again only when the
  // upstream provably did not act on it: no connection, or an explicit 429/503. A timeout or
  // a 500 after a POST may have created the thing already; a retry would create it twice.
  if (hop.kind === 'failed') {
    if (hop.reason === 'invalid-request') return false
    return (
      safe || hop.reason === 'connection-refused' || hop.reason === 'dns' || hop.reason === 'tls'
    )
  }
  if (hop.kind !== 'response') return false
  if (!safe) return hop.status === 429 || hop.status === 503
  return hop.status >= 500 || hop.status === 429
}

/** The result of the last try, every string scrubbed of the upstream's secrets. */
export function buildExchange(
  result: TryResult,
  attempts: number,
  durationMs: number,
  context: ExchangeContext,
): ProbeExchange {
  const { scrub } = context
  const url = scrub(context.origin + result.request.path)
  if (result.kind === 'cross-origin') {
    return {
      outcome: 'cross-origin-redirect',
      status: result.status,
      locationOrigin: scrub(result.target.origin),
      location: scrub(describeLocation(result.target)),
      url,
      redirects: result.redirects,
      attempts,
      durationMs,
    }
  }
  if (result.kind === 'too-many-redirects') {
    return {
      outcome: 'too-many-redirects',
      status: result.status,
      location: scrub(describeLocation(result.target)),
      url,
      redirects: result.redirects,
      attempts,
      durationMs,
    }
  }
  const { hop } = result
  if (hop.kind === 'failed') {
    return {
      outcome: 'unreachable',
      reason: hop.reason,
      detail: scrub(hop.detail),
      url,
      attempts,
      durationMs,
    }
  }
  if (hop.kind === 'too-large') {
    const exchange: ProbeExchange = {
      outcome: 'body-too-large',
      status: hop.status,
      headers: scrubHeaders(hop.headers, context),
      limitBytes: context.maxBodyBytes,
      receivedBytes: hop.receivedBytes,
      url,
      attempts,
      durationMs,
    }
    if (hop.declaredBytes !== undefined) exchange.declaredBytes = hop.declaredBytes
    return exchange
  }
  if (hop.status >= 500 || hop.status === 429) {
    const rateLimited = hop.status === 429
    const exchange: ProbeExchange = {
      outcome: 'unreachable',
      reason: rateLimited ? 'rate-limited' : 'server-error',
      detail: `HTTP ${hop.status}${rateLimited ? ' (too many requests)' : ''} on ${attempts === 1 ? 'the only try' : `all ${attempts} tries`}`,
      status: hop.status,
      url,
      attempts,
      durationMs,
    }
    const decoded = decodeContentEncoding(
      hop.body,
      hop.headers['content-encoding'],
      context.maxBodyBytes,
    )
    if (decoded.kind === 'decoded') {
      const body = decodeResponseBody(decoded.body, hop.headers['content-type'])
      exchange.answer = {
        headers: scrubHeaders(hop.headers, context),
        bodyText: scrub(body.text),
        bodyEncoding: body.encoding,
      }
    }
    return exchange
  }
  const decoding = decodeContentEncoding(
    hop.body,
    hop.headers['content-encoding'],
    context.maxBodyBytes,
  )
  if (decoding.kind === 'too-large') {
    return {
      outcome: 'body-too-large',
      status: hop.status,
      headers: scrubHeaders(hop.headers, context),
      limitBytes: context.maxBodyBytes,
      receivedBytes: hop.body.length,
      url,
      attempts,
      durationMs,
    }
  }
  if (decoding.kind === 'failed') {
    return {
      outcome: 'unreachable',
      reason: 'network',
      detail: decoding.detail,
      url,
      attempts,
      durationMs,
    }
  }
  const body = decodeResponseBody(decoding.body, hop.headers['content-type'])
  return {
    outcome: 'response',
    status: hop.status,
    headers: scrubHeaders(hop.headers, context),
    bodyText: scrub(body.text),
    bodyEncoding: body.encoding,
    bodyBytes: decoding.body.length,
    url,
    redirects: result.redirects,
    attempts,
    durationMs,
  }
}

function scrubHeaders(headers: ResponseHeaders, context: ExchangeContext): ResponseHeaders {
  if (!context.hasSecrets) return headers
  const out: ResponseHeaders = {}
  for (const name in headers) {
    const value = headers[name] as string | string[]
    out[name] = typeof value === 'string' ? context.scrub(value) : value.map(context.scrub)
  }
  return out
}
