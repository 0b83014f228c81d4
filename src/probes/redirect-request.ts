import type { ProbeRequest } from './build-probe-request.js'

/** Statuses whose `Location` a probe follows (within the upstream's origin). */
export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308
}

/** Headers that describe a body, dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = [
  'content-type',
  'content-encoding',
  'content-language',
  'content-location',
] as const

/**
 * The request for the next hop of a redirect, as browsers and fetch do it: 303 (and 301/302
 * after a POST) become a GET without body; 307 and 308 repeat the method and body.
 * Same origin only, so the contract's headers stay.
 */
export function buildRedirectRequest(
  request: ProbeRequest,
  status: number,
  target: URL,
): ProbeRequest {
  const path = target.pathname + target.search
  const becomesGet =
    (status === 303 && request.method !== 'HEAD') ||
    ((status === 301 || status === 302) && request.method === 'POST')
  if (!becomesGet)
    return { method: request.method, path, headers: request.headers, body: request.body }
  const headers = { ...request.headers }
  for (const name of BODY_HEADERS) delete headers[name]
  return { method: 'GET', path, headers, body: null }
}

/**
 * A URL for messages and results without its query and fragment, which may hold tokens
 * (signed URLs, `?code=`) that are not ours to keep.
 */
export function describeLocation(target: URL): string {
  return target.origin + target.pathname
}
