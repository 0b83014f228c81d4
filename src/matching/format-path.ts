const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/

/**
 * `['items', 2, 'first name']` → `$.items[2]['first name']`. Built only when a mismatch is
 * reported: the walk itself keeps segments, not strings.
 */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = '$'
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`
    else if (IDENTIFIER.test(s)) out += `.${s}`
    else out += `['${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`
  }
  return out
}
