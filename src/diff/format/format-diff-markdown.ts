import type { DiffResult } from '../spec-change.js'
import { DOCUMENT_GROUP, groupChanges } from './group-changes.js'
import { summarizeDiff } from './summarize-diff.js'

const MARKDOWN_LIMIT = 60_000

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

/**
 * Markdown fit for a pull-request comment: a summary, a table per severity (info folded
 * away), and a note when it had to be cut to stay under the comment size limit.
 */
export function formatDiffMarkdown(result: DiffResult): string {
  const { breaking } = result.summary
  const icon = breaking > 0 ? '🔴' : result.summary.warning > 0 ? '🟡' : '🟢'
  const out: string[] = [
    `### ${icon} OpenAPI diff: ${summarizeDiff(result)}`,
    '',
    `\`${result.base}\` → \`${result.revision}\``,
    '',
  ]
  if (result.changes.length === 0) return `${out.join('\n')}No differences.\n`
  const groups = groupChanges(result)
  const withInteractions = result.changes.some((change) => change.affectsInteractions !== undefined)
  let truncated = 0
  let length = out.join('\n').length
  for (const severity of ['breaking', 'warning', 'info'] as const) {
    const rows = groups.flatMap((group) =>
      group.changes
        .filter(({ change }) => change.severity === severity)
        .map(({ change, alsoIn }) => {
          const operation =
            group.operation === DOCUMENT_GROUP ? '—' : `\`${cell(group.operation)}\``
          const also = alsoIn > 0 ? ` (+${alsoIn} operations)` : ''
          const used = withInteractions ? ` | ${change.affectsInteractions ? 'yes' : 'no'}` : ''
          return `| ${operation} | \`${change.rule}\` | ${cell(change.message)}${also}${used} |`
        }),
    )
    if (rows.length === 0) continue
    const header = [
      `| Operation | Rule | Change${withInteractions ? ' | Used by interactions' : ''} |`,
      `|---|---|---${withInteractions ? '|---' : ''}|`,
    ]
    const title = `${severity === 'breaking' ? 'Breaking changes' : severity === 'warning' ? 'Warnings' : 'Info'} (${rows.length})`
    const section =
      severity === 'info'
        ? [`<details><summary>${title}</summary>`, '', ...header]
        : [`#### ${title}`, '', ...header]
    for (const line of section) out.push(line)
    length += section.join('\n').length
    for (const row of rows) {
      if (length + row.length > MARKDOWN_LIMIT) {
        truncated++
        continue
      }
      out.push(row)
      length += row.length + 1
    }
    out.push(severity === 'info' ? '\n</details>\n' : '')
  }
  if (truncated > 0)
    out.push(
      `_${truncated} more rows left out to fit a comment; run \`upcheck diff --format json\` for all of them._`,
      '',
    )
  return `${out.join('\n')}\n`
}
