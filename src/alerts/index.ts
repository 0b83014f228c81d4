export { MAX_FINDINGS, type AlertFacts } from './alert-facts.js'
export { decideTransition, type AlertEvent, type Observation } from './decide-transition.js'
export { planRunAlerts, planFreshnessAlerts, type PlanAlertsDeps } from './plan-alerts.js'
export { findAddress, listRecipients } from './recipients.js'
export type { HandoffFacts, HandoffRole } from './handoff-facts.js'
export { planHandoffAlerts } from './plan-handoff-alerts.js'
export { renderHandoffEmail } from './render-handoff-email.js'
export { describeHeadline, summarizeFinding } from './describe-alert.js'
export { renderAlertEmail, type RenderedEmail } from './render-email.js'
export { renderAlertWebhook } from './render-webhook.js'
export { formatDuration, formatTimestamp } from './format-duration.js'
export type { Mailer, MailMessage } from './mailer.js'
export { createSmtpMailer, type SmtpMailerOptions } from './create-smtp-mailer.js'
export { resolveSmtpSettings, describeSmtpServer, type SmtpSettings } from './smtp-settings.js'
export type { WebhookClient } from './webhook-client.js'
export {
  createUndiciWebhookClient,
  type UndiciWebhookClientOptions,
} from './create-undici-webhook-client.js'
export {
  deliverPendingAlerts,
  DELIVERY_BUDGET_MS,
  SEND_GRACE_MS,
  computeDeliveryBackoffMs,
  createAlertMessageId,
  type DeliverAlertsDeps,
  type DeliverOptions,
  type DeliveryReport,
} from './deliver-alerts.js'
