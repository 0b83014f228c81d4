/** Identifier-like keys print as `.key`; anything else as `['key']`, so a path can be pasted back. */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/

/**
 * Appends one segment to a JSON path for messages: `$.interactions` + 3 → `$.interactions[3]`,
 * `$.a` + `b c` → `$.a['b c']`.
 */
export function joinJsonPath(base: string, segment: string | number): string {
  if (typeof segment === 'number') return `${base}[${segment}]`
  if (IDENTIFIER.test(segment)) return `${base}.${segment}`
  return `${base}['${segment.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`
}
