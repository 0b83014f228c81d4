import { escapeHtml } from '../text/index.js'
import type { Finding } from '../model/index.js'
import type { AlertFacts } from './alert-facts.js'
import { describeHeadline, describeNextSteps, describeOpening } from './describe-alert.js'
import { formatEmailHeadHtml, formatEmailHeadText } from './email-head.js'
import { formatDuration, formatTimestamp } from './format-duration.js'

export interface RenderedEmail {
  subject: string
  text: string
  html: string
}

/** The subject and the text and HTML parts of an alert e-mail. */
export function renderAlertEmail(facts: AlertFacts, createdAt: string): RenderedEmail {
  const subject = `[upcheck] ${describeHeadline(facts, createdAt)}`
  const rows = describeRows(facts, createdAt)
  const steps = describeNextSteps(facts)
  const opening = describeOpening(facts, createdAt)

  const text: string[] = formatEmailHeadText(opening, rows)
  if (facts.findings.length > 0) {
    text.push('', 'Findings')
    facts.findings.forEach((f, i) => text.push(...describeFindingText(f, i + 1)))
    if (facts.omittedFindings > 0)
      text.push(
        `  … and ${facts.omittedFindings} more (see the run in upcheck status or reports/latest.json)`,
      )
  }
  if (facts.specChanges.length > 0) {
    text.push('', 'Spec changes that affect the interactions')
    for (const f of facts.specChanges)
      text.push(`  - ${[f.operation, f.rule].filter(Boolean).join(' ')}: ${f.message}`)
  }
  for (const s of facts.sunsets ?? [])
    text.push(
      '',
      `Sunset of ${s.operation} on ${formatTimestamp(s.date)}`,
      `  ${s.message}`,
      '  Interactions affected:',
      ...s.interactions.map((i) => `  - ${i}`),
    )
  if (facts.operations.length > 0)
    text.push('', 'Operations affected', ...facts.operations.map((op) => `  - ${op}`))
  if (steps.length > 0) text.push('', 'What to do next', ...steps.map((s) => `  - ${s}`))
  text.push(
    '',
    '-- ',
    'Sent by upcheck. You get this because you own or watch this contract (its owner or alerts.email).',
  )

  const html = [
    ...formatEmailHeadHtml(opening, rows),
    ...(facts.findings.length > 0
      ? [
          '<h3>Findings</h3>',
          '<table style="border-collapse:collapse;border:1px solid #d0d7de">',
          '<tr style="background:#f6f8fa"><th style="text-align:left;padding:4px 8px">Operation</th><th style="text-align:left;padding:4px 8px">Interaction</th><th style="text-align:left;padding:4px 8px">Path</th><th style="text-align:left;padding:4px 8px">Expected</th><th style="text-align:left;padding:4px 8px">Actual</th><th style="text-align:left;padding:4px 8px">Message</th></tr>',
          ...facts.findings.map(
            (f) =>
              `<tr>${[f.operation, f.interaction, f.path, f.expected, f.actual, f.message].map((cell) => `<td style="padding:4px 8px;border-top:1px solid #d0d7de;vertical-align:top"><code>${escapeHtml(cell ?? '')}</code></td>`).join('')}</tr>`,
          ),
          '</table>',
          ...(facts.omittedFindings > 0 ? [`<p>… and ${facts.omittedFindings} more.</p>`] : []),
        ]
      : []),
    ...(facts.specChanges.length > 0
      ? [
          '<h3>Spec changes that affect the interactions</h3><ul>',
          ...facts.specChanges.map(
            (f) =>
              `<li><code>${escapeHtml([f.operation, f.rule].filter(Boolean).join(' '))}</code>: ${escapeHtml(f.message)}</li>`,
          ),
          '</ul>',
        ]
      : []),
    ...(facts.sunsets ?? []).flatMap((s) => [
      `<h3>Sunset of <code>${escapeHtml(s.operation)}</code> on ${escapeHtml(formatTimestamp(s.date))}</h3>`,
      `<p>${linkify(s.message)}</p>`,
      '<p>Interactions affected:</p><ul>',
      ...s.interactions.map((i) => `<li>${escapeHtml(i)}</li>`),
      '</ul>',
    ]),
    ...(facts.operations.length > 0
      ? [
          '<h3>Operations affected</h3><ul>',
          ...facts.operations.map((op) => `<li><code>${escapeHtml(op)}</code></li>`),
          '</ul>',
        ]
      : []),
    ...(steps.length > 0
      ? ['<h3>What to do next</h3><ol>', ...steps.map((s) => `<li>${linkify(s)}</li>`), '</ol>']
      : []),
    '<p style="color:#656d76;font-size:12px">Sent by upcheck. You get this because you own or watch this contract (its owner or alerts.email).</p>',
    '</body></html>',
  ].join('\n')

  return { subject, text: `${text.join('\n')}\n`, html }
}

function describeRows(facts: AlertFacts, createdAt: string): [string, string][] {
  const rows: [string, string][] = [
    ['Contract', facts.contract],
    ['Owner', facts.owner],
    ['Status', describeStatus(facts, createdAt)],
    [
      'Last verified',
      facts.lastVerifiedAt
        ? `${formatTimestamp(facts.lastVerifiedAt)} (${formatDuration(Date.parse(createdAt) - Date.parse(facts.lastVerifiedAt))} before this alert)`
        : 'never',
    ],
  ]
  if (facts.run) {
    const c = facts.run.counts
    rows.push([
      'Run',
      `${facts.run.id}, finished ${formatTimestamp(facts.run.finishedAt)}: ${c.total} interaction${c.total === 1 ? '' : 's'}, ${c.passed} passed, ${c.failed} failed, ${c.unreachable} unreachable, ${c.skipped} skipped`,
    ])
  }
  if (facts.runbook) rows.push(['Runbook', facts.runbook])
  return rows
}

function describeStatus(facts: AlertFacts, createdAt: string): string {
  if (facts.kind === 'recovered')
    return `verified (was ${facts.previousStatus ?? 'broken'} for ${formatDuration(facts.downForMs ?? 0)})`
  if (facts.kind === 'stale')
    return `stale (freshness ${facts.freshness ?? '?'}); last run ${facts.status}`
  if (!facts.since) return facts.status
  return `${facts.status} since ${formatTimestamp(facts.since)} (${formatDuration(Date.parse(createdAt) - Date.parse(facts.since))})`
}

function describeFindingText(finding: Finding, index: number): string[] {
  const head = [finding.operation, finding.interaction && `(${finding.interaction})`]
    .filter(Boolean)
    .join(' ')
  const lines = [`  ${index}. ${head || finding.message}`]
  if (finding.path !== undefined || finding.expected !== undefined) {
    lines.push(
      `     at ${finding.path ?? '(response)'}: expected ${finding.expected ?? '?'}, actual ${finding.actual ?? '?'}`,
    )
  }
  if (head) lines.push(`     ${finding.message}`)
  return lines
}

/** Escapes a step and turns its http(s) URL, if any, into a link. */
function linkify(text: string): string {
  return escapeHtml(text).replace(/https?:\/\/[^\s<>"']+/g, (url) => `<a href="${url}">${url}</a>`)
}
