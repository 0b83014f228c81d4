import type { Clock } from '../model/index.js'
import { UpcheckError } from '../model/index.js'
import { forEachConcurrently } from '../probes/index.js'
import type { AlertChannel, PendingDelivery } from '../model/index.js'
import type { Store } from '../store/index.js'
import type { AlertFacts } from './alert-facts.js'
import type { HandoffFacts } from './handoff-facts.js'
import { renderHandoffEmail } from './render-handoff-email.js'
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
   * How long a claimed delivery is held before another sender may take it: at least the
   * pass's budget plus {@link SEND_GRACE_MS}, so no lease ends on a send still in progress.
   * A process killed between sending and marking re-sends after this: at most one
   * duplicate, never a loss. Default 2 min.
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
  /**
   * Wall-clock time this pass may spend sending. Sends still waiting when it ends are left
   * in the outbox for the next pass. Default {@link DELIVERY_BUDGET_MS}.
   */
  budgetMs?: number
  /** Sends in flight at once; one contract's alerts always go out one after another, in order. Default 4. */
  concurrency?: number
  /** Told of each delivery sent (no `error`) or failed, so the daemon can log every one. */
  onOutcome?(delivery: PendingDelivery, error?: UpcheckError): void
}

export interface DeliveryReport {
  delivered: number
  failed: number
  /** The distinct reasons of this pass's failures, for the console. */
  errors: string[]
  /** Deliveries still waiting after this pass. */
  pending: number
}

/** Default budget of one delivery pass: a hanging webhook or SMTP server costs `verify` this, not 30 s per alert. */
export const DELIVERY_BUDGET_MS = 20_000
/**
 * How long a send cut off by the budget may still reach its receiver: the SMTP mailer's
 * connect (10 s) plus inactivity (30 s) timeouts, with room to spare. Its delivery stays
 * leased that long, so no other sender sends the same alert meanwhile.
 */
export const SEND_GRACE_MS = 60_000

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
 * Delivers what is waiting in the outbox: claims deliveries, sends them (several contracts
 * at once, each contract's alerts in order), marks each sent (or failed, with backoff).
 * Once the SMTP server proves unavailable, the pass sends no more e-mail and leaves the rest
 * for the next one. The pass ends when its budget does: deliveries not yet started go back
 * to the outbox, and a send cut off mid-way keeps its lease until it can no longer arrive,
 * so an overlapping sender never sends the same alert twice.
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
    const budgetMs = options.budgetMs ?? DELIVERY_BUDGET_MS
    const leaseMs = Math.max(deps.leaseMs ?? 120_000, budgetMs + SEND_GRACE_MS)
    const budget = new AbortController()
    const timer = setTimeout(() => budget.abort(), budgetMs)
    // A one-shot verify must not wait on this timer once everything is sent.
    timer.unref?.()
    const errors = new Set<string>()
    let smtpDown: UpcheckError | undefined
    let cut = 0
    try {
      for (;;) {
        const batchSize = options.batchSize ?? 100
        const batch = await deps.store.claimDeliveries({
          now: deps.clock.now(),
          leaseMs,
          limit: batchSize,
          channels,
          dueOnly: options.dueOnly,
        })
        const unstarted = new Set(batch)
        await forEachConcurrently(
          groupByContract(batch),
          options.concurrency ?? 4,
          async (group) => {
            for (const delivery of group) {
              if (budget.signal.aborted) return
              unstarted.delete(delivery)
              try {
                if (delivery.channel === 'email' && smtpDown) throw smtpDown
                if ((await sendWithin(delivery, deps, budget.signal)) === 'cut') {
                  cut++
                  continue
                }
                await deps.store.markDelivered(delivery, new Date(deps.clock.now()).toISOString())
                report.delivered++
                options.onOutcome?.(delivery)
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
                options.onOutcome?.(delivery, failure)
              }
            }
          },
        )
        if (unstarted.size > 0) await deps.store.releaseDeliveries([...unstarted])
        if (budget.signal.aborted || !options.dueOnly || batch.length < batchSize) break
      }
    } finally {
      clearTimeout(timer)
    }
    if (budget.signal.aborted)
      errors.add(
        `Alert delivery stopped after its budget of ${budgetMs / 1000} s${cut > 0 ? ` (${cut} send${cut === 1 ? '' : 's'} unanswered)` : ''}; the rest stays in the outbox for the next run.`,
      )
    report.errors = [...errors]
  }
  report.pending = await deps.store.outboxDepth()
  return report
}

/** One list per contract, in claim order (oldest alert first). */
function groupByContract(batch: PendingDelivery[]): PendingDelivery[][] {
  const groups = new Map<string, PendingDelivery[]>()
  for (const delivery of batch) {
    const group = groups.get(delivery.contract)
    if (group) group.push(delivery)
    else groups.set(delivery.contract, [delivery])
  }
  return [...groups.values()]
}

/**
 * Sends one delivery, or gives up waiting when the budget ends: `'cut'`. A cut send is
 * neither marked sent nor failed: it may still arrive, so its lease is left to run out.
 */
async function sendWithin(
  delivery: PendingDelivery,
  deps: DeliverAlertsDeps,
  signal: AbortSignal,
): Promise<'sent' | 'cut'> {
  let onAbort: (() => void) | undefined
  const cut = new Promise<'cut'>((resolve) => {
    onAbort = () => resolve('cut')
    signal.addEventListener('abort', onAbort, { once: true })
  })
  const sending = send(delivery, deps, signal).then(() => 'sent' as const)
  // Its outcome no longer matters once cut; without this, its late rejection would be unhandled.
  sending.catch(() => {})
  try {
    return await Promise.race([sending, cut])
  } finally {
    signal.removeEventListener('abort', onAbort!)
  }
}

async function send(
  delivery: PendingDelivery,
  deps: DeliverAlertsDeps,
  signal: AbortSignal,
): Promise<void> {
  const facts = delivery.facts as AlertFacts | HandoffFacts
  if (delivery.channel === 'webhook') {
    // @note Handoff e-mails are queued for e-mail only: a webhook never gets one.
    if (facts.kind === 'handoff') return
    await deps.webhook!.post(
      delivery.target,
      renderAlertWebhook(facts, { id: delivery.alertId, createdAt: delivery.createdAt }),
      { idempotencyKey: delivery.alertId, signal },
    )
    return
  }
  const { mailer, from } = deps.mail!
  const email =
    facts.kind === 'handoff'
      ? renderHandoffEmail(facts, delivery.createdAt)
      : renderAlertEmail(facts, delivery.createdAt)
  await mailer.send({
    from,
    to: JSON.parse(delivery.target) as string[],
    ...email,
    messageId: createAlertMessageId(delivery.alertId, from),
    ...(facts.kind !== 'handoff' && facts.threadOf
      ? { references: [createAlertMessageId(facts.threadOf, from)] }
      : {}),
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
