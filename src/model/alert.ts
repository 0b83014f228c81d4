import type { ContractStatus } from './run.js'

/** Why an alert went out. */
export type AlertKind =
  | 'broken'
  | 'unreachable'
  | 'recovered'
  | 'stale'
  | 'reminder'
  | 'sunset'
  /** To the owners of a contract whose handoff is pending: the new owner, the old one, a reminder. */
  | 'handoff'

/** How an alert reaches people. Each channel of an alert is delivered and retried on its own. */
export type AlertChannel = 'email' | 'webhook'

/**
 * What the owner has been told about a contract: kept between runs so that only a change
 * raises an alert.
 */
export interface AlertState {
  contract: string
  /** The status last announced (before any alert: the first status seen). Absent before any run. */
  status?: ContractStatus
  /** When `status` began: the finish time of the first run that had it (ISO 8601). */
  since?: string
  /** The alert that announced `status`, so that reminders and the recovery can refer to it. */
  openedBy?: string
  /** Consecutive unreachable runs up to now. */
  unreachableStreak: number
  /** The finish time of the first run of the current unreachable streak. */
  unreachableSince?: string
  /** When the owner was last alerted or reminded that the contract is broken. */
  remindedAt?: string
  /** Whether a stale alert went out since the contract was last verified. */
  staleAlerted: boolean
  /** The announced sunsets already alerted, as `operation date` keys: each is told once. */
  sunsetsAlerted?: string[]
}

/** An alert to put in the outbox, with where it goes. */
export interface OutboxAlert {
  /** Stable for the alert's life: the e-mail Message-ID and the webhook's idempotency key derive from it. */
  id: string
  contract: string
  kind: AlertKind
  runId?: string
  /** ISO 8601. */
  createdAt: string
  /** What the alert says, as JSON the alerts layer reads back. Never holds a secret. */
  facts: unknown
  /** `target`: the recipients as a JSON array (e-mail) or the URL (webhook). */
  deliveries: { channel: AlertChannel; target: string }[]
}

/**
 * Given what the owner was last told and the contract's last verified time, the new alert
 * state and the alerts the change raises; `undefined` when nothing changes.
 * @note Runs inside a store transaction, so it must be synchronous and free of side effects.
 */
export type AlertTransition = (current: {
  previous: AlertState | undefined
  lastVerifiedAt: string | undefined
}) => { state: AlertState; alerts: OutboxAlert[] } | undefined

/** One channel of one alert, waiting to be delivered. */
export interface PendingDelivery {
  alertId: string
  channel: AlertChannel
  target: string
  contract: string
  kind: AlertKind
  createdAt: string
  facts: unknown
  /** Attempts made before this one. */
  attempts: number
}

export type DeliveryKey = Pick<PendingDelivery, 'alertId' | 'channel'>

export interface ClaimOptions {
  /** Epoch milliseconds. */
  now: number
  /**
   * How long the claim holds. A sender killed after sending but before marking leaves the
   * delivery claimed until then; the next sender re-sends it (at most one duplicate).
   */
  leaseMs: number
  limit: number
  /** Only deliveries of these channels: a sender without SMTP leaves e-mails for one that has it. */
  channels: readonly AlertChannel[]
  /** Whether to wait for each delivery's backoff. A one-shot `verify` tries every pending one. */
  dueOnly: boolean
}
