import type { Query } from '../model/index.js'

/** A query for display: `page=2&api_key=<redacted>`, names in recorded order. */
export function encodeQuery(query: Query | undefined): string {
  if (query === undefined) return ''
  const parts: string[] = []
  for (const [name, values] of Object.entries(query)) {
    if (values.length === 0) parts.push(name)
    for (const value of values) parts.push(`${name}=${value}`)
  }
  return parts.join('&')
}
