import type { Mismatch } from '../model/index.js'

/** Places listed by name in a collapsed mismatch; the rest are counted. */
const maxListed = 3

/**
 * Folds mismatches that differ only by array index — the same field retyped in every item
 * of a list — into one at `$.items[*].id`, so a list of 500 posts reads as one finding, not
 * 500. The first occurrence's message stands for the group, with the places it was seen.
 */
export function collapseMismatches(mismatches: readonly Mismatch[]): Mismatch[] {
  if (mismatches.length < 2) return [...mismatches]
  const groups = new Map<string, Mismatch[]>()
  for (const m of mismatches) {
    const key = `${m.part}\u0000${m.path.replace(/\[\d+\]/g, '[*]')}\u0000${m.rule}\u0000${m.expected}\u0000${m.actual}`
    const group = groups.get(key)
    if (group) group.push(m)
    else groups.set(key, [m])
  }
  const out: Mismatch[] = []
  for (const group of groups.values()) {
    const first = group[0]!
    if (group.length === 1) {
      out.push(first)
      continue
    }
    const path = first.path.replace(/\[\d+\]/g, '[*]')
    const listed = group.slice(0, maxListed).map((m) => m.path)
    const more = group.length > maxListed ? `, and ${group.length - maxListed} more` : ''
    const message = first.message.startsWith(first.path)
      ? path + first.message.slice(first.path.length)
      : first.message
    out.push({
      ...first,
      path,
      message: `${message} (at ${group.length} places: ${listed.join(', ')}${more})`,
    })
  }
  return out
}
