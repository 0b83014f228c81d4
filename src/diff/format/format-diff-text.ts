import type { DiffResult, SpecChange } from '../spec-change.js'
import { DOCUMENT_GROUP, groupChanges } from './group-changes.js'
import { summarizeDiff } from './summarize-diff.js'

function affects(change: SpecChange): string {
  return change.affectsInteractions ? ' [affects recorded interactions]' : ''
}

/**
 * Plain text for a terminal: a summary line, then the changes grouped by operation, the
 * operations with breaking changes first.
 */
export function formatDiffText(result: DiffResult): string {
  const lines = [`${result.base} → ${result.revision}: ${summarizeDiff(result)}`]
  if (result.changes.length === 0) return `${lines[0]}\nNo differences.\n`
  for (const group of groupChanges(result)) {
    lines.push('', group.operation === DOCUMENT_GROUP ? 'Document' : group.operation)
    for (const { change, alsoIn } of group.changes) {
      const also =
        alsoIn > 0 ? ` (also in ${alsoIn} other operation${alsoIn === 1 ? '' : 's'})` : ''
      lines.push(
        `  ${change.severity.padEnd(8)} ${change.rule}: ${change.message}${also}${affects(change)}`,
      )
    }
    if (group.shared > 0)
      lines.push(
        `  + ${group.shared} change${group.shared === 1 ? '' : 's'} in shared schemas, listed under an operation above`,
      )
  }
  return `${lines.join('\n')}\n`
}
