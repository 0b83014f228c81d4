import type { Clock } from '../model/index.js'
import { UpcheckError } from '../model/index.js'
import type { AlertChannel, PendingDelivery } from '../model/index.js'
import type { Store } from '../store/index.js'
import type { AlertFacts } from './alert-facts.js'
import type { Mailer } from './mailer.js'
import { renderAlertEmail } from './render-email.js'
import { renderAlertWebhook } from './render-webhook.js'
import type { WebhookClient } from './webhook-client.js'

export interface DeliverAlertsDeps {
  store: Store
  clock: Clock
  /** With its From address; without it e-mails stay in the outbox for a sender that has SMTP. */
  mail?: { mailer: Mailer; from: string }
  webhook?: WebhookClient
  /**
   * How long a claimed delivery is held before another sender may take it. A process
   * killed between sending and marking re-sends after this: at most one duplicate, never a
   * loss. Default 2 min.
   */
  leaseMs?: number
  /** A delivery still failing this long after its alert was raised is given up. Default 7 days. */
  maxAgeMs?: number
}

export interface DeliverOptions {
  /**
   * `true` (the daemon): only deliveries whose backoff has passed, batch after batch.
   * `false` (a one-shot `verify`): one batch of every pending delivery, backoff or not.
   */
  dueOnly: boolean
  /** Deliveries per batch. Default 100. */
  batchSize?: number
}

export interface DeliveryReport {
  delivered: number
  failed: number
  /** The distinct reasons of this pass's failures, for the console. */
  errors: string[]
  /** Deliveries still waiting after this pass. */
  pending: number
}

const BACKOFF_BASE_MS = 30_000
const BACKOFF_CAP_MS = 10 * 60_000

/** The wait before attempt `failures + 1`: 30 s doubling to at most 10 min, so a returning server gets every alert within minutes. */
export function computeDeliveryBackoffMs(failures: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1))
}

/** The Message-ID of an alert's e-mail: the same on every attempt, so a duplicate can be dropped. */
export function createAlertMessageId(alertId: string, from: string): string {
  const domain = /@([^\s<>@]+)>?\s*$/.exec(from)?.[1] ?? 'upcheck.localhost'
  return `<upcheck-alert-${alertId}@${domain}>`
}

/**
 * Delivers what is waiting in the outbox: claims deliveries, sends each, marks it sent
 * (or failed, with backoff). Once the SMTP server proves unavailable, the pass sends no
 * more e-mail and leaves the rest for the next one.
 */
export async function deliverPendingAlerts(
  deps: DeliverAlertsDeps,
  options: DeliverOptions,
): Promise<DeliveryReport> {
  const channels: AlertChannel[] = [
    ...(deps.mail ? (['email'] as const) : []),
    ...(deps.webhook ? (['webhook'] as const) : []),
  ]
  const report: DeliveryReport = { delivered: 0, failed: 0, errors: [], pending: 0 }
  if (channels.length > 0) {
    const errors = new Set<string>()
    let smtpDown: UpcheckError | undefined
    for (;;) {
      const batchSize = options.batchSize ?? 100
      const batch = await deps.store.claimDeliveries({
        now: deps.clock.now(),
        leaseMs: deps.leaseMs ?? 120_000,
        limit: batchSize,
        channels,
        dueOnly: options.dueOnly,
      })
      for (const delivery of batch) {
        try {
          if (delivery.channel === 'email' && smtpDown) throw smtpDown
          await send(delivery, deps)
          await deps.store.markDelivered(delivery, new Date(deps.clock.now()).toISOString())
          report.delivered++
        } catch (error) {
          const failure =
            error instanceof UpcheckError
              ? error
              : new UpcheckError(
                  'ALERT_DELIVERY_FAILED',
                  `Failed to deliver alert ${delivery.alertId}: ${(error as Error).message}`,
                  { cause: error },
                )
          if (failure.code === 'SMTP_UNAVAILABLE') smtpDown = failure
          errors.add(failure.message)
          await recordFailure(delivery, failure, deps)
          report.failed++
        }
      }
      if (!options.dueOnly || batch.length < batchSize) break
    }
    report.errors = [...errors]
  }
  report.pending = await deps.store.outboxDepth()
  return report
}

async function send(delivery: PendingDelivery, deps: DeliverAlertsDeps): Promise<void> {
  const facts = delivery.facts as AlertFacts
  if (delivery.channel === 'webhook') {
    await deps.webhook!.post(
      delivery.target,
      renderAlertWebhook(facts, { id: delivery.alertId, createdAt: delivery.createdAt }),
      { idempotencyKey: delivery.alertId },
    )
    return
  }
  const { mailer, from } = deps.mail!
  const email = renderAlertEmail(facts, delivery.createdAt)
  await mailer.send({
    from,
    to: JSON.parse(delivery.target) as string[],
    ...email,
    messageId: createAlertMessageId(delivery.alertId, from),
    ...(facts.threadOf ? { references: [createAlertMessageId(facts.threadOf, from)] } : {}),
    headers: {
      'Auto-Submitted': 'auto-generated',
      'X-Upcheck-Contract': facts.contract,
      'X-Upcheck-Alert': facts.kind,
    },
  })
}

async function recordFailure(
  delivery: PendingDelivery,
  failure: UpcheckError,
  deps: DeliverAlertsDeps,
): Promise<void> {
  const now = deps.clock.now()
  const expired = now - Date.parse(delivery.createdAt) > (deps.maxAgeMs ?? 7 * 86_400_000)
  await deps.store.markDeliveryFailed(delivery, {
    error: failure.message,
    nextAttemptAt: now + computeDeliveryBackoffMs(delivery.attempts + 1),
    ...(expired ? { givenUpAt: new Date(now).toISOString() } : {}),
  })
}
