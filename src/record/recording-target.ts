import type { Query } from '../model/index.js'
import { parseQueryString } from '../interactions/index.js'

/** Where a contract's interactions live: its base URL taken apart. */
export interface RecordingTarget {
  /** `https://api.example.com`, as `URL.origin` spells it. */
  origin: string
  /** The base URL's path without a trailing slash, `''` at the root, like `/v1`. */
  pathPrefix: string
  /** The base URL's own query: the probe sends it with every request, so a recording leaves it out. */
  baseQuery: Query
}

export function prepareRecordingTarget(baseUrl: string): RecordingTarget {
  const url = new URL(baseUrl)
  return {
    origin: url.origin,
    pathPrefix: url.pathname.replace(/\/+$/, ''),
    baseQuery: parseQueryString(url.search),
  }
}

/** The URL a recording scope variable names: origin and base path. */
export function describeTarget(target: RecordingTarget): string {
  return `${target.origin}${target.pathPrefix}`
}

/**
 * The path (relative to the base URL's, as interactions hold it) and query of a URL, or
 * `undefined` when the URL is not under the contract's base URL.
 */
export function locateInTarget(
  url: URL,
  target: RecordingTarget,
): { path: string; query: Query | undefined } | undefined {
  if (url.origin !== target.origin) return undefined
  const { pathname } = url
  const prefix = target.pathPrefix
  if (prefix !== '' && pathname !== prefix && !pathname.startsWith(`${prefix}/`)) return undefined
  const path = pathname.slice(prefix.length) || '/'
  const query = parseQueryString(url.search)
  for (const [name, values] of Object.entries(target.baseQuery)) {
    if (JSON.stringify(query[name]) === JSON.stringify(values)) delete query[name]
  }
  return { path, query: Object.keys(query).length > 0 ? query : undefined }
}
