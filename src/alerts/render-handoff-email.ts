import type { Finding } from '../model/index.js'
import { escapeHtml } from '../text/index.js'
import { formatEmailHeadHtml, formatEmailHeadText } from './email-head.js'
import { formatDuration, formatTimestamp } from './format-duration.js'
import type { HandoffFacts } from './handoff-facts.js'
import type { RenderedEmail } from './render-email.js'

/**
 * The e-mail of a handoff: to the new owner, everything they inherit and the one command that
 * accepts it; to the old owner, a confirmation; to a new owner who has not accepted, a reminder.
 */
export function renderHandoffEmail(facts: HandoffFacts, createdAt: string): RenderedEmail {
  const pendingFor = formatDuration(Date.parse(createdAt) - Date.parse(facts.since))
  const subject = `[upcheck] ${
    facts.role === 'new-owner'
      ? `${facts.contract} is now yours: accept the handoff from ${facts.fromOwner}`
      : facts.role === 'old-owner'
        ? `${facts.contract} is being handed over to ${facts.toOwner}`
        : `${facts.contract}: handoff pending for ${pendingFor}, waiting for you to accept`
  }`
  const opening =
    facts.role === 'old-owner'
      ? `The owner of ${facts.contract} was changed from you (${facts.fromOwner}) to ${facts.toOwner}. Until ${facts.toOwner} accepts, alerts go to both of you. Nothing to do unless this is a mistake: then set owner: back in the contract file.`
      : `${facts.role === 'reminder' ? `Reminder: the handoff of ${facts.contract} has been pending since ${formatTimestamp(facts.since)} (${pendingFor}). ` : ''}You (${facts.toOwner}) are the new owner of ${facts.contract}, handed over by ${facts.fromOwner}. Until you accept, alerts go to both of you.`
  const rows: [string, string][] = [
    ['Contract', facts.contract],
    [
      'Handoff',
      `${facts.fromOwner} → ${facts.toOwner}, pending since ${formatTimestamp(facts.since)}`,
    ],
    ['Status', facts.status],
    [
      'Last verified',
      facts.lastVerifiedAt
        ? `${formatTimestamp(facts.lastVerifiedAt)} (${formatDuration(Date.parse(createdAt) - Date.parse(facts.lastVerifiedAt))} ago)`
        : 'never',
    ],
    ...(facts.runbook ? [['Runbook', facts.runbook] as [string, string]] : []),
    [
      'Receipt trail head',
      facts.receiptHead
        ? `#${facts.receiptHead.sequence} sha256:${facts.receiptHead.digest}`
        : 'no receipts yet',
    ],
  ]
  const toAccept = facts.role === 'old-owner' ? [] : describeAcceptSteps(facts)
  const text: string[] = formatEmailHeadText(opening, rows)
  if (facts.findings.length > 0) {
    text.push('', 'Open findings (latest run)')
    for (const f of facts.findings) text.push(`  - ${describeFinding(f)}`)
    if (facts.omittedFindings > 0) text.push(`  … and ${facts.omittedFindings} more`)
  } else text.push('', 'Open findings (latest run): none')
  if (facts.recentRuns.length > 0) {
    text.push('', 'Recent runs')
    for (const run of facts.recentRuns) text.push(`  - ${describeRun(run)}`)
  }
  if (toAccept.length > 0) text.push('', 'To accept the handoff', ...toAccept.map((s) => `  ${s}`))
  text.push(
    '',
    '-- ',
    'Sent by upcheck because the owner: of this contract changed. Every step is receipted: upcheck receipts ' +
      `${facts.contract} --verify shows the trail.`,
  )

  const html = [
    ...formatEmailHeadHtml(opening, rows),
    '<h3>Open findings (latest run)</h3>',
    facts.findings.length > 0
      ? `<ul>${facts.findings.map((f) => `<li><code>${escapeHtml(describeFinding(f))}</code></li>`).join('')}</ul>${facts.omittedFindings > 0 ? `<p>… and ${facts.omittedFindings} more.</p>` : ''}`
      : '<p>None.</p>',
    ...(facts.recentRuns.length > 0
      ? [
          '<h3>Recent runs</h3><ul>',
          ...facts.recentRuns.map((run) => `<li>${escapeHtml(describeRun(run))}</li>`),
          '</ul>',
        ]
      : []),
    ...(toAccept.length > 0
      ? [
          '<h3>To accept the handoff</h3><ol>',
          ...toAccept.map((s) => `<li><code>${escapeHtml(s)}</code></li>`),
          '</ol>',
        ]
      : []),
    `<p style="color:#656d76;font-size:12px">Sent by upcheck because the owner: of this contract changed. Every step is receipted: <code>upcheck receipts ${escapeHtml(facts.contract)} --verify</code> shows the trail.</p>`,
    '</body></html>',
  ].join('\n')
  return { subject, text: `${text.join('\n')}\n`, html }
}

function describeAcceptSteps(facts: HandoffFacts): string[] {
  return [
    `Without a personal key yet: ${facts.keyCommand} (and commit the public key it prints to keys/)`,
    facts.acceptCommand,
  ]
}

function describeFinding(f: Finding): string {
  return `${f.severity}: ${[f.operation, f.path].filter(Boolean).join(' ')}${f.operation || f.path ? ': ' : ''}${f.message}`
}

function describeRun(run: HandoffFacts['recentRuns'][number]): string {
  const c = run.counts
  return `${formatTimestamp(run.finishedAt)} ${run.status}: ${c.passed}/${c.total} passed${c.failed ? `, ${c.failed} failed` : ''}${c.unreachable ? `, ${c.unreachable} unreachable` : ''} (run ${run.id})`
}
