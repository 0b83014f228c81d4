import type { Finding } from '../model/index.js'
import type { AlertFacts } from './alert-facts.js'
import { formatDuration, formatTimestamp } from './format-duration.js'

const MAX_HEADLINE = 160

/**
 * One line that says what happened, for the e-mail subject and the webhook text:
 * `posts-api broken: GET /posts/{id} $.id number → string (+2 more)`.
 */
export function describeHeadline(facts: AlertFacts, createdAt: string): string {
  const { contract } = facts
  const breaking = [
    ...facts.findings.filter((f) => f.severity === 'breaking'),
    ...facts.specChanges.filter((f) => f.severity === 'breaking'),
  ]
  const extra = breaking.length - 1 + facts.omittedFindings
  const more = extra > 0 ? ` (+${extra} more)` : ''
  let line: string
  switch (facts.kind) {
    case 'broken':
      line =
        breaking.length > 0
          ? `${contract} broken: ${summarizeFinding(breaking[0]!)}${more}`
          : `${contract} broken`
      break
    case 'reminder': {
      const spell = facts.since
        ? ` for ${formatDuration(Date.parse(createdAt) - Date.parse(facts.since))}`
        : ''
      line =
        `${contract} still broken${spell}` +
        (breaking.length > 0 ? `: ${summarizeFinding(breaking[0]!)}${more}` : '')
      break
    }
    case 'unreachable': {
      const first = facts.findings[0]
      line = first
        ? `${contract} unreachable: ${first.operation ?? ''} ${first.actual ?? ''}`.trimEnd()
        : `${contract} unreachable`
      break
    }
    case 'recovered':
      line = `${contract} recovered: verified again after ${formatDuration(facts.downForMs ?? 0)} ${facts.previousStatus ?? 'broken'}`
      break
    case 'sunset': {
      const first = facts.sunsets?.[0]
      const others = (facts.sunsets?.length ?? 0) - 1
      line = first
        ? `${contract}: ${first.operation} sunsets on ${formatTimestamp(first.date)}${others > 0 ? ` (+${others} more)` : ''}`
        : `${contract}: an operation sunsets soon`
      break
    }
    case 'stale':
      line = facts.since
        ? `${contract} stale: not verified since ${formatTimestamp(facts.since)} (freshness ${facts.freshness ?? '?'})`
        : `${contract} stale`
      break
  }
  return line.length > MAX_HEADLINE ? `${line.slice(0, MAX_HEADLINE - 1)}…` : line
}

/** `GET /posts/{id} $.id number → string`, or the rule of a spec change. */
export function summarizeFinding(finding: Finding): string {
  const parts = [finding.operation]
  if (finding.source === 'spec') parts.push(finding.rule ?? finding.message)
  else if (finding.expected !== undefined && finding.actual !== undefined)
    parts.push(finding.path, `${finding.expected} → ${finding.actual}`)
  else parts.push(finding.message)
  return parts.filter((p) => p !== undefined && p !== '').join(' ')
}

/** The sentence that opens the message body. */
export function describeOpening(facts: AlertFacts, createdAt: string): string {
  const since = facts.since ? formatTimestamp(facts.since) : undefined
  switch (facts.kind) {
    case 'broken':
      return `The contract ${facts.contract} is broken${since ? ` since ${since}` : ''}${facts.previousStatus ? ` (it was ${facts.previousStatus})` : ''}: the upstream no longer answers the way the integration expects.`
    case 'reminder':
      return `Reminder: the contract ${facts.contract} is still broken${since ? `, since ${since} (${formatDuration(Date.parse(createdAt) - Date.parse(facts.since!))})` : ''}.`
    case 'unreachable':
      return `The contract ${facts.contract} has been unreachable${since ? ` since ${since}` : ''}: upcheck cannot get a verdict from the upstream, so it is not known whether the integration still works.`
    case 'recovered':
      return `The contract ${facts.contract} is verified again. It was ${facts.previousStatus ?? 'broken'} for ${formatDuration(facts.downForMs ?? 0)}${since ? `, since ${since}` : ''}.`
    case 'sunset':
      return `The upstream of ${facts.contract} announces that operations the interactions use will be switched off (Sunset header) within ${facts.sunsetNotice ?? 'the notice period'}.`
    case 'stale':
      return `The contract ${facts.contract} is stale: it has not been verified within its freshness window of ${facts.freshness ?? '?'}${since ? ` (last verified ${since})` : ''}.`
  }
}

/** What the reader can do, in order. */
export function describeNextSteps(facts: AlertFacts): string[] {
  const steps: string[] = []
  if (facts.kind === 'broken' || facts.kind === 'reminder') {
    steps.push(
      "Check the upstream's changelog for the operations affected, and update the integration or ask the upstream to restore the old behaviour.",
    )
  } else if (facts.kind === 'unreachable') {
    steps.push(
      "Check that the upstream is up and that the credentials in the contract's upstream.headers are still valid.",
    )
  } else if (facts.kind === 'sunset') {
    steps.push(
      "Move the affected interactions to the upstream's successor before the sunset date; the link in each notice, when given, says where.",
    )
  } else if (facts.kind === 'stale') {
    steps.push(
      'Check that the scheduled runs (the upcheck daemon, cron or CI job) are still running.',
    )
  }
  if (facts.kind !== 'recovered') steps.push(`Re-run the check: ${facts.rerunCommand}`)
  if (facts.baselineCommand)
    steps.push(
      `If the upstream's change is intended and the integration handles it, pin its current spec as the new baseline: ${facts.baselineCommand}`,
    )
  if (facts.runbook) steps.push(`Runbook: ${facts.runbook}`)
  return steps
}
