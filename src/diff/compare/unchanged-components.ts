import { isObject } from './document-view.js'

const PREFIX = '#/components/schemas/'

/** Collects the `$ref` strings inside a value; false when two values differ in anything else. */
function sameCollectingRefs(a: unknown, b: unknown, refs: Set<string>): boolean {
  if (a === b && (a === null || typeof a !== 'object')) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!sameCollectingRefs(a[i], b[i], refs)) return false
    return true
  }
  if (Array.isArray(b)) return false
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  let count = 0
  for (const key in left) {
    if (!Object.prototype.hasOwnProperty.call(right, key)) return false
    const value = left[key]
    if (key === '$ref' && typeof value === 'string') {
      if (value !== right[key]) return false
      refs.add(value)
    } else if (!sameCollectingRefs(value, right[key], refs)) return false
    count++
  }
  for (const _ in right) count--
  return count === 0
}

/**
 * The refs (`#/components/schemas/Name`) of component schemas that cannot differ in meaning:
 * written identically in both documents, and referring only to such components. The largest
 * such set is kept, so components that refer to each other in a cycle stay in it. The
 * comparison skips a schema that is the same text and refers only to these.
 */
export function findUnchangedComponents(
  baseRoot: Record<string, unknown>,
  revRoot: Record<string, unknown>,
): Set<string> {
  const base =
    isObject(baseRoot.components) && isObject(baseRoot.components.schemas)
      ? baseRoot.components.schemas
      : {}
  const rev =
    isObject(revRoot.components) && isObject(revRoot.components.schemas)
      ? revRoot.components.schemas
      : {}
  const candidates = new Map<string, Set<string>>()
  for (const name of Object.keys(base)) {
    if (!Object.prototype.hasOwnProperty.call(rev, name)) continue
    const refs = new Set<string>()
    if (sameCollectingRefs(base[name], rev[name], refs))
      candidates.set(`${PREFIX}${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, refs)
  }
  // Drop, until nothing changes, every candidate that refers to something outside the set.
  for (let changed = true; changed;) {
    changed = false
    for (const [ref, refs] of candidates) {
      for (const target of refs) {
        if (!candidates.has(target)) {
          candidates.delete(ref)
          changed = true
          break
        }
      }
    }
  }
  return new Set(candidates.keys())
}

/** Whether two schema values are the same text whose refs all point at unchanged components. */
export function isSameWithUnchangedRefs(
  a: unknown,
  b: unknown,
  unchanged: ReadonlySet<string>,
): boolean {
  const refs = new Set<string>()
  if (!sameCollectingRefs(a, b, refs)) return false
  for (const ref of refs) if (!unchanged.has(ref)) return false
  return true
}
