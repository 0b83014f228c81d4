import {
  compareSeverity,
  type ChangeSeverity,
  type DiffResult,
  type SpecChange,
} from '../spec-change.js'

export const DOCUMENT_GROUP = '(whole document)'

export interface ChangeGroup {
  /** The operation, or `DOCUMENT_GROUP` for document-wide changes. */
  operation: string
  worst: ChangeSeverity
  /** Changes shown in this group, most serious first. */
  changes: { change: SpecChange; alsoIn: number }[]
  /** Changes of this operation already shown under an earlier one (a shared schema). */
  shared: number
}

/**
 * Groups changes by operation, most serious operation first. A shared schema puts the same
 * change (same rule, same pointers) in many operations; it is shown once, in the first,
 * with the number of others, and the later groups only count it.
 */
export function groupChanges(result: DiffResult): ChangeGroup[] {
  const byOperation = new Map<string, SpecChange[]>()
  for (const change of result.changes) {
    const key = change.operation ?? DOCUMENT_GROUP
    const list = byOperation.get(key)
    if (list) list.push(change)
    else byOperation.set(key, [change])
  }
  const worstOf = (changes: SpecChange[]) =>
    changes.reduce<ChangeSeverity>(
      (worst, change) => (compareSeverity(change.severity, worst) < 0 ? change.severity : worst),
      'info',
    )
  // Each group's worst severity once, not once per comparison of the sort.
  const ordered = [...byOperation.entries()]
    .map(([operation, changes]) => ({ operation, changes, worst: worstOf(changes) }))
    .sort(
      (x, y) =>
        compareSeverity(x.worst, y.worst) ||
        (x.operation === DOCUMENT_GROUP
          ? -1
          : y.operation === DOCUMENT_GROUP
            ? 1
            : x.operation < y.operation
              ? -1
              : x.operation > y.operation
                ? 1
                : 0),
    )
  const identity = (change: SpecChange) =>
    `${change.rule}|${change.path.base ?? ''}|${change.path.revision ?? ''}`
  const counts = new Map<string, number>()
  for (const change of result.changes)
    counts.set(identity(change), (counts.get(identity(change)) ?? 0) + 1)
  const shown = new Set<string>()
  return ordered.map(({ operation, changes, worst }) => {
    const group: ChangeGroup = { operation, worst, changes: [], shared: 0 }
    for (const change of [...changes].sort((a, b) => compareSeverity(a.severity, b.severity))) {
      const id = identity(change)
      if (shown.has(id)) {
        group.shared++
        continue
      }
      shown.add(id)
      group.changes.push({ change, alsoIn: (counts.get(id) ?? 1) - 1 })
    }
    return group
  })
}
