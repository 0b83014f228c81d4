import type Database from 'better-sqlite3'
import type {
  AlertState,
  AlertTransition,
  ClaimOptions,
  DeliveryKey,
  OutboxAlert,
  PendingDelivery,
} from '../model/index.js'

interface StateRow {
  contract: string
  status: AlertState['status'] | null
  since: string | null
  opened_by: string | null
  unreachable_streak: number
  unreachable_since: string | null
  reminded_at: string | null
  stale_alerted: number
  sunsets_alerted: string | null
}

interface DeliveryRow {
  alert_id: string
  channel: PendingDelivery['channel']
  target: string
  attempts: number
  contract: string
  kind: PendingDelivery['kind']
  created_at: string
  facts: string
}

/** The outbox's statements over an open database; the store wraps them in its transactions and errors. */
export interface SqliteOutbox {
  readState(contract: string): AlertState | undefined
  /** Applies a transition; call inside a transaction. */
  applyTransition(
    contract: string,
    transition: AlertTransition,
    lastVerifiedAt: string | undefined,
  ): OutboxAlert[]
  /** Selects and leases; call inside a write transaction, so two senders never claim the same delivery. */
  claim(options: ClaimOptions): PendingDelivery[]
  markDelivered(key: DeliveryKey, at: string): void
  release(keys: DeliveryKey[]): void
  markFailed(
    key: DeliveryKey,
    failure: { error: string; nextAttemptAt: number; givenUpAt?: string },
  ): void
  depth(): number
  listAlerts(contract: string, limit: number): OutboxAlert[]
}

export function createSqliteOutbox(db: Database.Database): SqliteOutbox {
  const selectState = db.prepare<[string], StateRow>(`SELECT * FROM alert_state WHERE contract = ?`)
  const upsertState = db.prepare(
    `INSERT INTO alert_state (contract, status, since, opened_by, unreachable_streak, unreachable_since, reminded_at, stale_alerted, sunsets_alerted)
     VALUES (@contract, @status, @since, @openedBy, @unreachableStreak, @unreachableSince, @remindedAt, @staleAlerted, @sunsetsAlerted)
     ON CONFLICT (contract) DO UPDATE SET status = excluded.status, since = excluded.since, opened_by = excluded.opened_by,
       unreachable_streak = excluded.unreachable_streak, unreachable_since = excluded.unreachable_since,
       reminded_at = excluded.reminded_at, stale_alerted = excluded.stale_alerted,
       sunsets_alerted = excluded.sunsets_alerted`,
  )
  const insertAlert = db.prepare(
    `INSERT INTO alerts (id, contract, kind, run_id, created_at, facts) VALUES (?, ?, ?, ?, ?, ?)`,
  )
  const insertDelivery = db.prepare(
    `INSERT INTO alert_deliveries (alert_id, channel, target, next_attempt_at) VALUES (?, ?, ?, ?)`,
  )
  const selectClaimable = db.prepare<
    { now: number; dueOnly: number; email: number; webhook: number; limit: number },
    DeliveryRow
  >(
    `SELECT d.alert_id, d.channel, d.target, d.attempts, a.contract, a.kind, a.created_at, a.facts
     FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id
     WHERE d.delivered_at IS NULL AND d.given_up_at IS NULL
       AND (d.lease_until IS NULL OR d.lease_until <= @now)
       AND (@dueOnly = 0 OR d.next_attempt_at <= @now)
       AND ((d.channel = 'email' AND @email = 1) OR (d.channel = 'webhook' AND @webhook = 1))
     ORDER BY a.created_at, d.rowid
     LIMIT @limit`,
  )
  const lease = db.prepare(
    `UPDATE alert_deliveries SET lease_until = ? WHERE alert_id = ? AND channel = ?`,
  )
  const unlease = db.prepare(
    `UPDATE alert_deliveries SET lease_until = NULL WHERE alert_id = ? AND channel = ? AND delivered_at IS NULL`,
  )
  const release = (keys: DeliveryKey[]) => {
    for (const key of keys) unlease.run(key.alertId, key.channel)
  }
  const delivered = db.prepare(
    `UPDATE alert_deliveries SET delivered_at = ?, attempts = attempts + 1, lease_until = NULL, last_error = NULL WHERE alert_id = ? AND channel = ?`,
  )
  const failed = db.prepare(
    `UPDATE alert_deliveries SET attempts = attempts + 1, next_attempt_at = ?, lease_until = NULL, last_error = ?, given_up_at = ?
     WHERE alert_id = ? AND channel = ? AND delivered_at IS NULL`,
  )
  const depth = db.prepare<[], { n: number }>(
    `SELECT count(*) AS n FROM alert_deliveries WHERE delivered_at IS NULL AND given_up_at IS NULL`,
  )
  const selectAlerts = db.prepare<
    [string, number],
    {
      id: string
      contract: string
      kind: OutboxAlert['kind']
      run_id: string | null
      created_at: string
      facts: string
    }
  >(`SELECT * FROM alerts WHERE contract = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`)
  const selectDeliveries = db.prepare<
    [string],
    { channel: OutboxAlert['deliveries'][number]['channel']; target: string }
  >(`SELECT channel, target FROM alert_deliveries WHERE alert_id = ? ORDER BY rowid`)

  function readState(contract: string): AlertState | undefined {
    const row = selectState.get(contract)
    if (!row) return undefined
    const state: AlertState = {
      contract: row.contract,
      unreachableStreak: row.unreachable_streak,
      staleAlerted: row.stale_alerted === 1,
    }
    if (row.status !== null) state.status = row.status
    if (row.since !== null) state.since = row.since
    if (row.opened_by !== null) state.openedBy = row.opened_by
    if (row.unreachable_since !== null) state.unreachableSince = row.unreachable_since
    if (row.reminded_at !== null) state.remindedAt = row.reminded_at
    if (row.sunsets_alerted !== null) state.sunsetsAlerted = JSON.parse(row.sunsets_alerted)
    return state
  }

  function applyTransition(
    contract: string,
    transition: AlertTransition,
    lastVerifiedAt: string | undefined,
  ): OutboxAlert[] {
    const change = transition({ previous: readState(contract), lastVerifiedAt })
    if (!change) return []
    const { state } = change
    upsertState.run({
      contract,
      status: state.status ?? null,
      since: state.since ?? null,
      openedBy: state.openedBy ?? null,
      unreachableStreak: state.unreachableStreak,
      unreachableSince: state.unreachableSince ?? null,
      remindedAt: state.remindedAt ?? null,
      staleAlerted: state.staleAlerted ? 1 : 0,
      sunsetsAlerted: state.sunsetsAlerted ? JSON.stringify(state.sunsetsAlerted) : null,
    })
    for (const alert of change.alerts) {
      insertAlert.run(
        alert.id,
        alert.contract,
        alert.kind,
        alert.runId ?? null,
        alert.createdAt,
        JSON.stringify(alert.facts),
      )
      for (const delivery of alert.deliveries)
        insertDelivery.run(alert.id, delivery.channel, delivery.target, Date.parse(alert.createdAt))
    }
    return change.alerts
  }

  function claim(options: ClaimOptions): PendingDelivery[] {
    const rows = selectClaimable.all({
      now: options.now,
      dueOnly: options.dueOnly ? 1 : 0,
      email: options.channels.includes('email') ? 1 : 0,
      webhook: options.channels.includes('webhook') ? 1 : 0,
      limit: options.limit,
    })
    for (const row of rows) lease.run(options.now + options.leaseMs, row.alert_id, row.channel)
    return rows.map((row) => ({
      alertId: row.alert_id,
      channel: row.channel,
      target: row.target,
      contract: row.contract,
      kind: row.kind,
      createdAt: row.created_at,
      facts: JSON.parse(row.facts) as unknown,
      attempts: row.attempts,
    }))
  }

  return {
    readState,
    applyTransition,
    claim,
    release,
    markDelivered(key: DeliveryKey, at: string) {
      delivered.run(at, key.alertId, key.channel)
    },
    markFailed(
      key: DeliveryKey,
      failure: { error: string; nextAttemptAt: number; givenUpAt?: string },
    ) {
      failed.run(
        failure.nextAttemptAt,
        failure.error,
        failure.givenUpAt ?? null,
        key.alertId,
        key.channel,
      )
    },
    depth: () => depth.get()!.n,
    listAlerts(contract: string, limit: number): OutboxAlert[] {
      return selectAlerts.all(contract, limit).map((row) => ({
        id: row.id,
        contract: row.contract,
        kind: row.kind,
        ...(row.run_id === null ? {} : { runId: row.run_id }),
        createdAt: row.created_at,
        facts: JSON.parse(row.facts) as unknown,
        deliveries: selectDeliveries.all(row.id),
      }))
    },
  }
}
