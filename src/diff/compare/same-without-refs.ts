/**
 * Whether two JSON values are equal and hold no `$ref`: such subschemas cannot differ in
 * meaning, so the comparison skips them without normalising anything. Most of a large
 * document is unchanged between versions, which makes this the hot path's shortcut.
 */
export function isSameWithoutRefs(a: unknown, b: unknown): boolean {
  if (a === b) return a === null || typeof a !== 'object' || !holdsRef(a)
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!isSameWithoutRefs(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  let count = 0
  for (const key in left) {
    if (key === '$ref') return false
    if (!Object.prototype.hasOwnProperty.call(right, key)) return false
    if (!isSameWithoutRefs(left[key], right[key])) return false
    count++
  }
  for (const _ in right) count--
  return count === 0
}

function holdsRef(value: object): boolean {
  if (Array.isArray(value)) return value.some((item) => item !== null && typeof item === 'object' && holdsRef(item))
  for (const key in value) {
    if (key === '$ref') return true
    const child = (value as Record<string, unknown>)[key]
    if (child !== null && typeof child === 'object' && holdsRef(child)) return true
  }
  return false
}
