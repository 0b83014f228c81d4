import type { AlertFacts } from './alert-facts.js'
import {
  describeHeadline,
  describeNextSteps,
  describeOpening,
  summarizeFinding,
} from './describe-alert.js'

/**
 * The JSON body of a webhook alert: a Slack-compatible `text` (an incoming-webhook URL
 * shows it as is) and the same facts as fields, for any other receiver.
 */
export function renderAlertWebhook(
  facts: AlertFacts,
  alert: { id: string; createdAt: string },
): Record<string, unknown> {
  const headline = describeHeadline(facts, alert.createdAt)
  const lines = [`*[upcheck] ${headline}*`, describeOpening(facts, alert.createdAt)]
  const shown = facts.findings.slice(0, 5)
  for (const f of shown) lines.push(`• ${summarizeFinding(f)}`)
  const more = facts.findings.length - shown.length + facts.omittedFindings
  if (more > 0) lines.push(`• … and ${more} more`)
  for (const step of describeNextSteps(facts)) lines.push(`→ ${step}`)
  return {
    text: lines.join('\n'),
    alertId: alert.id,
    createdAt: alert.createdAt,
    headline,
    ...facts,
  }
}
