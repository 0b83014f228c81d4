import type { Query } from '../model/index.js'

/** Characters a path may hold as they are (RFC 3986 pchar, `/`, and `%` of an escape). */
const PATH_AS_IS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/
const PATH_TO_ESCAPE = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]+/g

/**
 * Joins a base URL's path prefix and a recorded path with exactly one slash between them.
 * @example
 * joinPath('/api/v1/', '/posts/1') // '/api/v1/posts/1'
 * joinPath('', 'posts')            // '/posts'
 */
export function joinPath(prefix: string, path: string): string {
  let end = prefix.length
  while (end > 0 && prefix.charCodeAt(end - 1) === 47 /* / */) end--
  const head = end === prefix.length ? prefix : prefix.slice(0, end)
  return path.charCodeAt(0) === 47 ? head + path : `${head}/${path}`
}

/**
 * Percent-encodes what may not stand in a path (spaces, `?`, `#`, non-ASCII, a stray `%`)
 * and keeps existing escapes, so a recorded path is sent the way it was seen whether it
 * was stored encoded or not.
 */
export function encodePath(path: string): string {
  if (PATH_AS_IS.test(path)) return path
  return path.replace(PATH_TO_ESCAPE, percentEncode)
}

function percentEncode(text: string): string {
  let out = ''
  // @note Buffer turns a lone surrogate into U+FFFD where encodeURIComponent would throw.
  for (const byte of Buffer.from(text, 'utf8'))
    out += `%${byte < 16 ? '0' : ''}${byte.toString(16).toUpperCase()}`
  return out
}

/**
 * Encodes a model query as a query string without the `?`, repeated names in order.
 * A name with no values is sent bare (`flag`), as Pact records `?flag`.
 * @example
 * encodeQuery({ q: ['a b'], tag: ['x', 'y'] }) // 'q=a%20b&tag=x&tag=y'
 */
export function encodeQuery(query: Query | undefined): string {
  if (query === undefined) return ''
  let out = ''
  for (const name in query) {
    const values = query[name]
    const key = encodeURIComponent(name)
    if (values === undefined || values.length === 0) {
      out += out.length === 0 ? key : `&${key}`
      continue
    }
    for (const value of values) {
      const pair = `${key}=${encodeURIComponent(value)}`
      out += out.length === 0 ? pair : `&${pair}`
    }
  }
  return out
}
