import { UpcheckError, type HttpRequest } from '../model/index.js'
import { serialiseBody } from './request-body.js'
import { buildRequestHeaders, type OutgoingHeaders } from './request-headers.js'
import type { ResolvedUpstream } from './resolved-upstream.js'
import { createSecretScrubber } from '../text/index.js'
import { encodePath, encodeQuery, joinPath } from './url-parts.js'

/** An upstream prepared once for many probes. */
export interface ProbeTarget {
  /** `http://host:port`, as `URL.origin` spells it. */
  origin: string
  /** The base URL's path, like `/api/v1`. */
  pathPrefix: string
  /** The base URL's query without `?`, sent before each probe's own query. */
  baseQuery: string
  /** The contract's headers by lower-case name. */
  headers: ReadonlyMap<string, string>
}

/** One HTTP request as undici takes it. */
export interface ProbeRequest {
  method: string
  /** Path and query, like `/api/v1/posts?id=1`. */
  path: string
  headers: OutgoingHeaders
  body: string | Buffer | null
}

/**
 * Checks and splits a resolved upstream. Throws `CONTRACT_INVALID` for a base URL that is
 * not absolute http(s): that is a contract error, found before any probe is sent.
 */
export function prepareTarget(upstream: ResolvedUpstream): ProbeTarget {
  let url: URL
  try {
    url = new URL(upstream.baseUrl)
  } catch (cause) {
    throw invalidBaseUrl(upstream, cause)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidBaseUrl(upstream)
  const headers = new Map<string, string>()
  for (const name in upstream.headers)
    headers.set(name.toLowerCase(), upstream.headers[name] as string)
  return { origin: url.origin, pathPrefix: url.pathname, baseQuery: url.search.slice(1), headers }
}

function invalidBaseUrl(upstream: ResolvedUpstream, cause?: unknown): UpcheckError {
  const shown = createSecretScrubber(upstream.secrets).scrub(upstream.baseUrl)
  return new UpcheckError(
    'CONTRACT_INVALID',
    `upstream.baseUrl "${shown}" is not an absolute http(s) URL. Write it like http://127.0.0.1:4017/api.`,
    { cause, location: { path: 'upstream.baseUrl' } },
  )
}

/** The request a probe sends for a recorded one. */
export function buildProbeRequest(recorded: HttpRequest, target: ProbeTarget): ProbeRequest {
  const body = serialiseBody(recorded.body)
  const query = encodeQuery(recorded.query)
  let path = encodePath(joinPath(target.pathPrefix, recorded.path))
  if (target.baseQuery.length > 0)
    path += query.length > 0 ? `?${target.baseQuery}&${query}` : `?${target.baseQuery}`
  else if (query.length > 0) path += `?${query}`
  return {
    method: recorded.method.toUpperCase(),
    path,
    headers: buildRequestHeaders(
      recorded.headers,
      target.headers,
      body === null ? undefined : recorded.body?.contentType,
    ),
    body,
  }
}
