import type Database from 'better-sqlite3'
import type {
  AlertState,
  AlertTransition,
  ClaimOptions,
  DeliveryKey,
  OutboxAlert,
  PendingDelivery,
} from '../model/index.js'
import {
  ALERT_COLUMNS,
  ALERT_STATE_COLUMNS,
  sqliteInsert,
  sqliteRows,
  type AlertRow,
  type AlertStateRow,
  type DeliveryRow,
} from './row-mappers.js'

/** The outbox's statements over an open database; the store wraps them in its transactions and errors. */
export interface SqliteOutbox {
  readState(contract: string): AlertState | undefined
  /** Applies a transition; call inside a transaction. */
  applyTransition(
    contract: string,
    transition: AlertTransition,
    lastVerifiedAt: string | undefined,
  ): OutboxAlert[]
  /** Puts alerts no transition raised (the handoff e-mails) in the outbox; call inside a transaction. */
  insertAlerts(alerts: readonly OutboxAlert[]): void
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
  const selectState = db.prepare<[string], AlertStateRow<string, number>>(
    `SELECT * FROM alert_state WHERE contract = ?`,
  )
  const upsertState = db.prepare(
    `${sqliteInsert('alert_state', ALERT_STATE_COLUMNS)}
     ON CONFLICT (contract) DO UPDATE SET status = excluded.status, since = excluded.since, opened_by = excluded.opened_by,
       unreachable_streak = excluded.unreachable_streak, unreachable_since = excluded.unreachable_since,
       reminded_at = excluded.reminded_at, stale_alerted = excluded.stale_alerted,
       sunsets_alerted = excluded.sunsets_alerted`,
  )
  const insertAlert = db.prepare(sqliteInsert('alerts', ALERT_COLUMNS))
  const insertDelivery = db.prepare(
    `INSERT INTO alert_deliveries (alert_id, channel, target, next_attempt_at) VALUES (?, ?, ?, ?)`,
  )
  const selectClaimable = db.prepare<
    { now: number; dueOnly: number; email: number; webhook: number; limit: number },
    DeliveryRow<string>
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
  const selectAlerts = db.prepare<[string, number], AlertRow<string>>(
    `SELECT * FROM alerts WHERE contract = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`,
  )
  const selectDeliveries = db.prepare<
    [string],
    { channel: OutboxAlert['deliveries'][number]['channel']; target: string }
  >(`SELECT channel, target FROM alert_deliveries WHERE alert_id = ? ORDER BY rowid`)

  function readState(contract: string): AlertState | undefined {
    const row = selectState.get(contract)
    return row && sqliteRows.toAlertState(row)
  }

  function applyTransition(
    contract: string,
    transition: AlertTransition,
    lastVerifiedAt: string | undefined,
  ): OutboxAlert[] {
    const change = transition({ previous: readState(contract), lastVerifiedAt })
    if (!change) return []
    const { state } = change
    upsertState.run(...sqliteRows.alertStateValues(contract, state))
    insertAlerts(change.alerts)
    return change.alerts
  }

  function insertAlerts(alerts: readonly OutboxAlert[]): void {
    for (const alert of alerts) {
      insertAlert.run(...sqliteRows.alertValues(alert))
      for (const delivery of alert.deliveries)
        insertDelivery.run(alert.id, delivery.channel, delivery.target, Date.parse(alert.createdAt))
    }
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
    return rows.map(sqliteRows.toPendingDelivery)
  }

  return {
    readState,
    applyTransition,
    insertAlerts,
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
      return selectAlerts
        .all(contract, limit)
        .map((row) => sqliteRows.toAlert(row, selectDeliveries.all(row.id)))
    },
  }
}
