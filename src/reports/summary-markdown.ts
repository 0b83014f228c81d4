import { groupFindings } from './group-findings.js'
import { describePendingHandoff } from './describe-pending-handoff.js'
import type { LatestReport } from './latest-report.js'

const statusIcon = { verified: '✅', broken: '❌', unreachable: '⚠️' } as const
/** @note GitHub caps a step summary at 1 MiB; long finding lists are cut, latest.json keeps them all. */
const maxFindingsPerContract = 25

/** `reports/summary.md`: a table and the findings, fit for a CI step summary. */
export function formatSummaryMarkdown(report: LatestReport): string {
  const out: string[] = ['# upcheck verify', '']
  const counts = { verified: 0, broken: 0, unreachable: 0 }
  for (const c of report.contracts) counts[c.status]++
  out.push(
    `${report.contracts.length} contract${report.contracts.length === 1 ? '' : 's'}: ${counts.verified} verified, ${counts.broken} broken, ${counts.unreachable} unreachable` +
      (report.errors.length ? `, ${report.errors.length} could not be loaded` : '') +
      ` — ${report.generatedAt}`,
    '',
  )
  if (report.contracts.length > 0) {
    out.push(
      '| contract | owner | status | interactions | last verified | stale |',
      '|---|---|---|---|---|---|',
    )
    for (const c of report.contracts) {
      const i = c.interactions
      const detail = [
        `${i.passed}/${i.total} passed`,
        i.failed && `${i.failed} failed`,
        i.unreachable && `${i.unreachable} unreachable`,
        i.skipped && `${i.skipped} skipped`,
      ]
        .filter(Boolean)
        .join(', ')
      out.push(
        `| ${cell(c.name)} | ${cell(c.handoff ? `${c.owner}, ${describePendingHandoff(c.handoff)}` : c.owner)} | ${statusIcon[c.status]} ${c.status} | ${detail} | ${c.lastVerifiedAt ?? 'never'} | ${c.stale ? 'stale' : 'no'} |`,
      )
    }
    out.push('')
  }
  for (const c of report.contracts) {
    if (c.findings.length === 0) continue
    out.push(`## ${c.name} (${c.status})`, '')
    for (const [group, findings] of groupFindings(c.findings.slice(0, maxFindingsPerContract))) {
      out.push(`**${cell(group)}**`, '')
      for (const f of findings)
        out.push(
          `- ${f.severity === 'breaking' ? '**breaking**' : f.severity}: ${inline(f.message)}`,
        )
      out.push('')
    }
    if (c.findings.length > maxFindingsPerContract)
      out.push(`…and ${c.findings.length - maxFindingsPerContract} more in reports/latest.json`, '')
  }
  if (report.errors.length > 0) {
    out.push('## Contracts that could not be loaded', '')
    for (const e of report.errors) out.push(`- \`${e.code}\` ${inline(e.message)}`)
    out.push('')
  }
  return out.join('\n')
}

function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|')
}

function inline(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/</g, '&lt;')
}
