import type pg from 'pg'
import {
  UpcheckError,
  type AlertTransition,
  type BuildReceipt,
  type Finding,
  type KnownContract,
  type OutboxAlert,
  type Run,
  type StoredReceipt,
  serializeEvidence,
} from '../model/index.js'
import { createPostgresFleet } from './postgres-fleet.js'
import { migratePostgres } from './postgres-migrations.js'
import {
  ACCEPTANCE_COLUMNS,
  ALERT_COLUMNS,
  ALERT_STATE_COLUMNS,
  FINDING_COLUMNS,
  PROBE_COLUMNS,
  RECEIPT_COLUMNS,
  RUN_COLUMNS,
  nextReceipt,
  readEvidence,
  postgresInsert,
  postgresRows,
  type AcceptanceRow,
  type AlertRow,
  type AlertStateRow,
  type DeliveryRow,
  type FindingRow,
  type HandoffRow,
  type KnownContractRow,
  type LatestRunRow,
  type ProbeRow,
  type ReceiptRow,
  type RunRow,
} from './row-mappers.js'
import { PRUNE_RUNS_SQL } from './prune-runs-sql.js'
import { createPostgresTransfer } from './postgres-transfer.js'
import { retryOnConnectionLoss } from './retry-on-connection-loss.js'
import type { Store } from './store.js'

type Client = pg.PoolClient

/** Connections per process: one daemon writes a run at a time, plus readers and the sender. */
const POOL_SIZE = 4

/**
 * How long a read or write keeps retrying while the server is unreachable (restarting,
 * failing over) before it fails: long enough for a restart, short enough that a daemon
 * whose store is really gone says so.
 */
const RETRY_BUDGET_MS = 60_000

/** Advisory transaction-lock namespaces, so writers of one contract's chain or alert state queue. */
const RECEIPT_LOCK = 0x72637074
const ALERT_LOCK = 0x616c7274
/** Writers of one contract's known row (sighting, removal, owner change) queue on this. */
const KNOWN_LOCK = 0x6b6e6f77

/**
 * Opens (migrating as needed) the PostgreSQL store at `url` (`postgres://user@host:5432/db`).
 * The password comes from the URL or, left out of it, from `options.password` (the caller's
 * `PGPASSWORD`); it never appears in
 * a message, which names the server as host:port/database only.
 * @note Every write is one transaction through `transaction()`; callbacks (alert transitions,
 * receipt builders) run inside it after taking a per-contract advisory lock and reading the
 * rows they depend on, so concurrent workers queue instead of forking a chain.
 */
export async function createPostgresStore(
  url: string,
  options: {
    password?: string | undefined
    /** How long work retries a lost connection before failing. Default 60 s. */
    retryBudgetMs?: number
    /** Told of each retry of a lost connection (the daemon logs it). */
    onRetry?(what: string, error: unknown, attempt: number): void
  } = {},
): Promise<Store> {
  const where = describeServer(url)
  // @note Loaded here, not at the top: a SQLite user's every command would pay pg's start-up.
  const { default: postgres } = await import('pg')
  const pool = new postgres.Pool({
    connectionString: withPassword(url, options.password),
    max: POOL_SIZE,
  })
  // @note An idle client whose server went away emits 'error' on the pool; the next query
  // reports it, so it must not crash the process here.
  pool.on('error', () => {})
  try {
    const client = await pool.connect()
    try {
      await migratePostgres(client)
    } finally {
      client.release()
    }
  } catch (error) {
    await pool.end().catch(() => {})
    if (error instanceof UpcheckError) throw error
    throw new UpcheckError(
      'STORE_FAILED',
      `Failed to open the store at ${where}: ${describeCause(error)}. Check that PostgreSQL is running there and the user and password (PGPASSWORD) are right.`,
      { cause: error },
    )
  }

  function fail(what: string, error: unknown): UpcheckError {
    return new UpcheckError(
      'STORE_FAILED',
      `Failed to ${what} in ${where}: ${describeCause(error)}.`,
      { cause: error },
    )
  }

  /**
   * Retries `work` on a new connection while the connection is lost (a restart, a failover,
   * ECONNRESET, 57P01) within the budget; anything else fails at once as STORE_FAILED.
   */
  async function withRetry<T>(what: string, work: (attempt: number) => Promise<T>): Promise<T> {
    try {
      return await retryOnConnectionLoss(work, {
        budgetMs: options.retryBudgetMs ?? RETRY_BUDGET_MS,
        onRetry: (error, attempt) => options.onRetry?.(what, error, attempt),
      })
    } catch (error) {
      throw fail(what, error)
    }
  }

  /**
   * The one way to write: BEGIN, the work, COMMIT or ROLLBACK, and the client always released.
   * `work` learns the attempt: from the second on, an earlier COMMIT may have landed.
   */
  function transaction<T>(
    what: string,
    work: (client: Client, attempt: number) => Promise<T>,
  ): Promise<T> {
    return withRetry(what, async (attempt) => {
      const client = await pool.connect()
      let broken = false
      try {
        await client.query('BEGIN')
        const result = await work(client, attempt)
        await client.query('COMMIT')
        return result
      } catch (error) {
        try {
          await client.query('ROLLBACK')
        } catch {
          broken = true
        }
        throw error
      } finally {
        // A client whose connection died is destroyed, not handed to the next caller.
        client.release(broken)
      }
    })
  }

  function read<T>(what: string, work: (client: pg.Pool) => Promise<T>): Promise<T> {
    return withRetry(what, () => work(pool))
  }

  async function lockContract(client: Client, namespace: number, contract: string) {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [namespace, contract])
  }

  async function appendReceipt(
    client: Client,
    contract: string,
    build: BuildReceipt,
  ): Promise<StoredReceipt> {
    await lockContract(client, RECEIPT_LOCK, contract)
    const { rows } = await client.query<{ sequence: number; digest: string }>(
      `SELECT sequence, digest FROM receipts WHERE contract = $1 ORDER BY sequence DESC LIMIT 1`,
      [contract],
    )
    const previous = rows[0] && { sequence: rows[0].sequence, digest: rows[0].digest }
    const receipt = nextReceipt(contract, previous, build)
    await client.query(
      postgresInsert('receipts', RECEIPT_COLUMNS),
      postgresRows.receiptValues(receipt),
    )
    return receipt
  }

  async function lastVerifiedAt(client: Client | pg.Pool, contract: string) {
    const { rows } = await client.query<{ t: Date | null }>(
      `SELECT max(finished_at) AS t FROM runs WHERE contract = $1 AND status = 'verified'`,
      [contract],
    )
    return rows[0]?.t?.toISOString()
  }

  async function readState(client: Client | pg.Pool, contract: string) {
    const { rows } = await client.query<AlertStateRow<Date, boolean>>(
      `SELECT * FROM alert_state WHERE contract = $1`,
      [contract],
    )
    return rows[0] && postgresRows.toAlertState(rows[0])
  }

  async function applyTransition(
    client: Client,
    contract: string,
    transition: AlertTransition,
  ): Promise<OutboxAlert[]> {
    await lockContract(client, ALERT_LOCK, contract)
    const change = transition({
      previous: await readState(client, contract),
      lastVerifiedAt: await lastVerifiedAt(client, contract),
    })
    if (!change) return []
    const { state } = change
    await client.query(
      `${postgresInsert('alert_state', ALERT_STATE_COLUMNS)}
       ON CONFLICT (contract) DO UPDATE SET status = excluded.status, since = excluded.since, opened_by = excluded.opened_by,
         unreachable_streak = excluded.unreachable_streak, unreachable_since = excluded.unreachable_since,
         reminded_at = excluded.reminded_at, stale_alerted = excluded.stale_alerted,
         sunsets_alerted = excluded.sunsets_alerted`,
      postgresRows.alertStateValues(contract, state),
    )
    await insertAlerts(client, change.alerts)
    return change.alerts
  }

  async function insertAlerts(client: Client, alerts: readonly OutboxAlert[]): Promise<void> {
    for (const alert of alerts) {
      await client.query(postgresInsert('alerts', ALERT_COLUMNS), postgresRows.alertValues(alert))
      for (const delivery of alert.deliveries)
        await client.query(
          `INSERT INTO alert_deliveries (alert_id, channel, target, next_attempt_at) VALUES ($1, $2, $3, $4)`,
          [alert.id, delivery.channel, delivery.target, alert.createdAt],
        )
    }
  }

  /** The contract's known row, locked for this transaction (absent when never seen). */
  async function lockKnown(client: Client, contract: string) {
    await lockContract(client, KNOWN_LOCK, contract)
    const { rows } = await client.query<KnownContractRow<Date>>(
      `SELECT * FROM known_contracts WHERE contract = $1`,
      [contract],
    )
    return rows[0]
  }

  function alertsOfRun(client: Client, runId: string): Promise<OutboxAlert[]> {
    return selectAlerts(client, 'a.run_id = $1 ORDER BY a.seq', [runId])
  }

  /** Alerts with their deliveries' channels and targets, as the outbox model has them. */
  async function selectAlerts(
    db: Client | pg.Pool,
    condition: string,
    params: unknown[],
  ): Promise<OutboxAlert[]> {
    const { rows } = await db.query<AlertRow<Date> & { deliveries: OutboxAlert['deliveries'] }>(
      `SELECT a.*, coalesce((SELECT json_agg(json_build_object('channel', d.channel, 'target', d.target) ORDER BY d.seq)
                             FROM alert_deliveries d WHERE d.alert_id = a.id), '[]') AS deliveries
       FROM alerts a WHERE ${condition}`,
      params,
    )
    return rows.map((row) => postgresRows.toAlert(row, row.deliveries))
  }

  async function loadRun(row: RunRow<Date>): Promise<Run> {
    const [probeRows, findingRows] = await Promise.all([
      pool.query<ProbeRow>(`SELECT * FROM probe_results WHERE run_id = $1 ORDER BY seq`, [row.id]),
      pool.query<FindingRow<boolean>>(`SELECT * FROM findings WHERE run_id = $1 ORDER BY seq`, [
        row.id,
      ]),
    ])
    return postgresRows.toFullRun(row, probeRows.rows, findingRows.rows)
  }

  return {
    ...createPostgresTransfer(pool, transaction),
    recordRun(run, transition, receipt) {
      return transaction(`record run ${run.id} of ${run.contract}`, async (client, attempt) => {
        // @note A retry after a lost COMMIT reply: when the run is there, that COMMIT landed,
        // with its alerts and receipt; writing it again would fail on the id or fork the chain.
        if (attempt > 1) {
          const done = await client.query(`SELECT 1 FROM runs WHERE id = $1`, [run.id])
          if (done.rowCount === 1) return alertsOfRun(client, run.id)
        }
        // The receipt first, so the run row can name it.
        const stored = receipt && (await appendReceipt(client, run.contract, receipt))
        await client.query(
          postgresInsert('runs', RUN_COLUMNS),
          postgresRows.runValues(run, stored?.digest),
        )
        if (run.evidence)
          await client.query(`INSERT INTO run_evidence (run_id, evidence) VALUES ($1, $2)`, [
            run.id,
            serializeEvidence(run.evidence),
          ])
        const probeSeqOf = new Map<Finding, number>()
        for (const [seq, probe] of run.probes.entries()) {
          await client.query(
            postgresInsert('probe_results', PROBE_COLUMNS),
            postgresRows.probeValues(run.id, seq, probe),
          )
          for (const finding of probe.findings) probeSeqOf.set(finding, seq)
        }
        for (const [seq, f] of run.findings.entries()) {
          await client.query(
            postgresInsert('findings', FINDING_COLUMNS),
            postgresRows.findingValues(run.id, seq, probeSeqOf.get(f), f),
          )
        }
        return transition ? applyTransition(client, run.contract, transition) : []
      })
    },
    latestRun(contract) {
      return read(`read the latest run of ${contract}`, async (db) => {
        const { rows } = await db.query<RunRow<Date>>(
          `SELECT * FROM runs WHERE contract = $1 ORDER BY finished_at DESC, seq DESC LIMIT 1`,
          [contract],
        )
        return rows[0] && loadRun(rows[0])
      })
    },
    lastVerifiedAt(contract) {
      return read(`read when ${contract} was last verified`, (db) => lastVerifiedAt(db, contract))
    },
    listLatest() {
      return read('list the latest runs', async (db) => {
        const { rows } = await db.query<LatestRunRow<Date>>(
          `SELECT DISTINCT ON (r.contract) r.*,
             (SELECT max(v.finished_at) FROM runs v WHERE v.contract = r.contract AND v.status = 'verified') AS last_verified_at
           FROM runs r ORDER BY r.contract, r.finished_at DESC, r.seq DESC`,
        )
        return rows.map(postgresRows.toLatestRun)
      })
    },
    pruneRuns({ before, limit }) {
      return transaction(`prune runs older than ${before}`, async (client) => {
        const { rowCount } = await client.query(PRUNE_RUNS_SQL, [before, limit])
        return rowCount ?? 0
      })
    },
    listRuns(contract, limit = 50) {
      return read(`list the runs of ${contract}`, async (db) => {
        const { rows } = await db.query<RunRow<Date>>(
          `SELECT * FROM runs WHERE contract = $1 ORDER BY finished_at DESC, seq DESC LIMIT $2`,
          [contract, limit],
        )
        return rows.map(postgresRows.toRun)
      })
    },
    brokenSince(contract) {
      return read(`read since when ${contract} is broken`, async (db) => {
        const { rows } = await db.query<{ t: Date | null }>(
          `SELECT min(finished_at) AS t FROM runs WHERE contract = $1 AND status = 'broken'
             AND finished_at > coalesce((SELECT max(finished_at) FROM runs WHERE contract = $1 AND status = 'verified'), '-infinity')`,
          [contract],
        )
        return rows[0]?.t?.toISOString()
      })
    },
    readRun(contract, id) {
      return read(`read run ${id} of ${contract}`, async (db) => {
        const { rows } = await db.query<RunRow<Date>>(
          `SELECT * FROM runs WHERE contract = $1 AND id = $2`,
          [contract, id],
        )
        const row = rows[0]
        if (!row) return undefined
        const [run, evidence, receipts] = await Promise.all([
          loadRun(row),
          db.query<{ evidence: string }>(`SELECT evidence FROM run_evidence WHERE run_id = $1`, [
            id,
          ]),
          db.query<ReceiptRow<Date>>(`SELECT * FROM receipts WHERE contract = $1 AND digest = $2`, [
            contract,
            row.receipt_digest,
          ]),
        ])
        const text = evidence.rows[0]?.evidence
        return {
          run: { ...run, ...(text !== undefined && { evidence: readEvidence(text) }) },
          ...(receipts.rows[0] && { receipt: postgresRows.toReceipt(receipts.rows[0]) }),
        }
      })
    },

    applyAlertTransition(contract, transition) {
      return transaction(`record the alert state of ${contract}`, (client) =>
        applyTransition(client, contract, transition),
      )
    },
    alertState(contract) {
      return read(`read the alert state of ${contract}`, (db) => readState(db, contract))
    },
    listAlerts(contract, limit = 50) {
      return read(`list the alerts of ${contract}`, (db) =>
        selectAlerts(db, 'a.contract = $1 ORDER BY a.created_at DESC, a.seq DESC LIMIT $2', [
          contract,
          limit,
        ]),
      )
    },
    claimDeliveries(options) {
      return transaction('claim pending alerts', async (client) => {
        // @note SKIP LOCKED: a second sender claiming at the same moment passes over the rows
        // this one holds instead of waiting for them, so each delivery goes to one sender.
        const { rows } = await client.query<DeliveryRow<Date>>(
          `SELECT d.alert_id, d.channel, d.target, d.attempts, a.contract, a.kind, a.created_at, a.facts
           FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id
           WHERE d.delivered_at IS NULL AND d.given_up_at IS NULL
             AND (d.lease_until IS NULL OR d.lease_until <= $1)
             AND (NOT $2 OR d.next_attempt_at <= $1)
             AND d.channel = ANY ($3)
           ORDER BY a.created_at, d.seq
           LIMIT $4
           FOR UPDATE OF d SKIP LOCKED`,
          [new Date(options.now), options.dueOnly, [...options.channels], options.limit],
        )
        if (rows.length > 0)
          await client.query(
            `UPDATE alert_deliveries SET lease_until = $1
             WHERE (alert_id, channel) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
            [
              new Date(options.now + options.leaseMs),
              rows.map((row) => row.alert_id),
              rows.map((row) => row.channel),
            ],
          )
        return rows.map(postgresRows.toPendingDelivery)
      })
    },
    async markDelivered(delivery, at) {
      await transaction(`mark alert ${delivery.alertId} delivered`, (client) =>
        client.query(
          `UPDATE alert_deliveries SET delivered_at = $1, attempts = attempts + 1, lease_until = NULL, last_error = NULL
           WHERE alert_id = $2 AND channel = $3`,
          [at, delivery.alertId, delivery.channel],
        ),
      )
    },
    async releaseDeliveries(deliveries) {
      if (deliveries.length === 0) return
      await transaction('release unsent alerts', (client) =>
        client.query(
          `UPDATE alert_deliveries SET lease_until = NULL
           WHERE (alert_id, channel) IN (SELECT * FROM unnest($1::text[], $2::text[])) AND delivered_at IS NULL`,
          [deliveries.map((d) => d.alertId), deliveries.map((d) => d.channel)],
        ),
      )
    },
    async markDeliveryFailed(delivery, failure) {
      await transaction(`record a failed delivery of alert ${delivery.alertId}`, (client) =>
        client.query(
          `UPDATE alert_deliveries SET attempts = attempts + 1, next_attempt_at = $1, lease_until = NULL, last_error = $2, given_up_at = $3
           WHERE alert_id = $4 AND channel = $5 AND delivered_at IS NULL`,
          [
            new Date(failure.nextAttemptAt),
            failure.error,
            failure.givenUpAt ?? null,
            delivery.alertId,
            delivery.channel,
          ],
        ),
      )
    },
    outboxDepth() {
      return read('count pending alerts', async (db) => {
        const { rows } = await db.query<{ n: number }>(
          `SELECT count(*)::integer AS n FROM alert_deliveries WHERE delivered_at IS NULL AND given_up_at IS NULL`,
        )
        return rows[0]!.n
      })
    },

    async recordBaselineAcceptance(a, receipt) {
      await transaction(`record the baseline acceptance of ${a.contract}`, async (client) => {
        await client.query(
          postgresInsert('baseline_acceptances', ACCEPTANCE_COLUMNS),
          postgresRows.acceptanceValues(a),
        )
        if (receipt) await appendReceipt(client, a.contract, receipt)
      })
    },
    listBaselineAcceptances(contract) {
      return read(`list the baseline acceptances of ${contract}`, async (db) => {
        const { rows } = await db.query<AcceptanceRow<Date>>(
          `SELECT * FROM baseline_acceptances WHERE contract = $1 ORDER BY accepted_at DESC, seq DESC`,
          [contract],
        )
        return rows.map(postgresRows.toAcceptance)
      })
    },

    appendReceipt(contract, receipt) {
      return transaction(`append a receipt of ${contract}`, (client) =>
        appendReceipt(client, contract, receipt),
      )
    },
    listReceipts(contract) {
      return read(`list the receipts of ${contract}`, async (db) => {
        const { rows } = await db.query<ReceiptRow<Date>>(
          `SELECT * FROM receipts WHERE contract = $1 ORDER BY sequence`,
          [contract],
        )
        return rows.map(postgresRows.toReceipt)
      })
    },
    listRecentReceipts(contract, limit) {
      return read(`list the recent receipts of ${contract}`, async (db) => {
        const { rows } = await db.query<ReceiptRow<Date>>(
          `SELECT * FROM receipts WHERE contract = $1 ORDER BY sequence DESC LIMIT $2`,
          [contract, limit],
        )
        return rows.map(postgresRows.toReceipt)
      })
    },
    receiptHead(contract) {
      return read(`read the receipt chain head of ${contract}`, async (db) => {
        const { rows } = await db.query<{ sequence: number; digest: string }>(
          `SELECT sequence, digest FROM receipts WHERE contract = $1 ORDER BY sequence DESC LIMIT 1`,
          [contract],
        )
        return rows[0] && { sequence: rows[0].sequence, digest: rows[0].digest }
      })
    },
    listReceiptContracts() {
      return read('list the contracts with receipts', async (db) => {
        const { rows } = await db.query<{ contract: string }>(
          `SELECT DISTINCT contract FROM receipts ORDER BY contract`,
        )
        return rows.map((row) => row.contract)
      })
    },

    listKnownContracts() {
      return read('list the known contracts', async (db) => {
        const { rows } = await db.query<KnownContractRow<Date>>(
          `SELECT * FROM known_contracts WHERE removed_at IS NULL ORDER BY contract`,
        )
        return rows.map(postgresRows.toKnownContract)
      })
    },
    recordContractSeen(seen, receipt) {
      return transaction(`record ${seen.contract} as seen`, async (client) => {
        const row = await lockKnown(client, seen.contract)
        if (row && row.removed_at === null) {
          if (row.file !== seen.file)
            await client.query(`UPDATE known_contracts SET file = $1 WHERE contract = $2`, [
              seen.file,
              seen.contract,
            ])
          return false
        }
        await client.query(
          `INSERT INTO known_contracts (contract, owner, file, first_seen_at, removed_at) VALUES ($1, $2, $3, $4, NULL)
           ON CONFLICT (contract) DO UPDATE SET owner = excluded.owner, file = excluded.file, first_seen_at = excluded.first_seen_at, removed_at = NULL`,
          [seen.contract, seen.owner, seen.file, seen.firstSeenAt],
        )
        if (receipt) await appendReceipt(client, seen.contract, receipt)
        return true
      })
    },
    recordContractRemoved(contract, at, receipt) {
      return transaction(`record ${contract} as removed`, async (client) => {
        const row = await lockKnown(client, contract)
        if (!row || row.removed_at !== null) return false
        await client.query(`UPDATE known_contracts SET removed_at = $1 WHERE contract = $2`, [
          at,
          contract,
        ])
        if (receipt) await appendReceipt(client, contract, receipt)
        return true
      })
    },
    recordOwnerChange(change, writes) {
      return transaction(`record the owner change of ${change.contract}`, async (client) => {
        const row = await lockKnown(client, change.contract)
        if (!row || row.removed_at !== null || row.owner !== change.previousOwner) return false
        await client.query(`UPDATE known_contracts SET owner = $1 WHERE contract = $2`, [
          change.owner,
          change.contract,
        ])
        // @note A handoff the new owner never accepted is replaced, so a contract has at most one pending.
        await client.query(`DELETE FROM handoffs WHERE contract = $1 AND accepted_at IS NULL`, [
          change.contract,
        ])
        const { handoff } = writes
        if (handoff)
          await client.query(
            `INSERT INTO handoffs (contract, from_owner, to_owner, started_at) VALUES ($1, $2, $3, $4)`,
            [handoff.contract, handoff.fromOwner, handoff.toOwner, handoff.startedAt],
          )
        const receipt =
          writes.receipt && (await appendReceipt(client, change.contract, writes.receipt))
        if (writes.alerts) await insertAlerts(client, writes.alerts(receipt))
        return true
      })
    },
    acceptHandoff(contract, acceptedAt, receipt) {
      return transaction(`accept the handoff of ${contract}`, async (client) => {
        const { rows } = await client.query<HandoffRow<Date>>(
          `SELECT * FROM handoffs WHERE contract = $1 AND accepted_at IS NULL FOR UPDATE`,
          [contract],
        )
        if (!rows[0]) return undefined
        await client.query(
          `UPDATE handoffs SET accepted_at = $1 WHERE contract = $2 AND accepted_at IS NULL`,
          [acceptedAt, contract],
        )
        if (receipt) await appendReceipt(client, contract, receipt)
        return { ...postgresRows.toHandoff(rows[0]), acceptedAt }
      })
    },
    markHandoffReminded(contract, at, options = {}) {
      return transaction(`mark the handoff of ${contract} reminded`, async (client) => {
        const { rows } = await client.query<HandoffRow<Date>>(
          `SELECT * FROM handoffs WHERE contract = $1 AND accepted_at IS NULL FOR UPDATE`,
          [contract],
        )
        const row = rows[0]
        if (!row) return false
        const last = postgresRows.toHandoff(row)
        if (options.after !== undefined && (last.remindedAt ?? last.startedAt) !== options.after)
          return false
        await client.query(
          `UPDATE handoffs SET reminded_at = $1 WHERE contract = $2 AND accepted_at IS NULL`,
          [at, contract],
        )
        await insertAlerts(client, options.alerts ?? [])
        return true
      })
    },
    pendingHandoff(contract) {
      return read(`read the pending handoff of ${contract}`, async (db) => {
        const { rows } = await db.query<HandoffRow<Date>>(
          `SELECT * FROM handoffs WHERE contract = $1 AND accepted_at IS NULL`,
          [contract],
        )
        return rows[0] && postgresRows.toHandoff(rows[0])
      })
    },
    listPendingHandoffs() {
      return read('list pending handoffs', async (db) => {
        const { rows } = await db.query<HandoffRow<Date>>(
          `SELECT * FROM handoffs WHERE accepted_at IS NULL ORDER BY contract`,
        )
        return rows.map(postgresRows.toHandoff)
      })
    },

    ...createPostgresFleet({ transaction, read }),

    async close() {
      await pool.end()
    },
  }
}

/** host:port/database of a store URL: what messages name, never the user's password. */
export function describeServer(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname}`
  } catch {
    return 'the PostgreSQL store (its URL does not parse)'
  }
}

/**
 * The URL with the caller's password when it names none: a password in the URL wins.
 * @note Kept in memory only. node-postgres lets a parsed URL's empty password override a
 * separate `password` option, and would otherwise read the process's own PGPASSWORD, which
 * an in-process caller may not have set.
 */
function withPassword(url: string, password: string | undefined): string {
  if (password === undefined || !URL.canParse(url)) return url
  const parsed = new URL(url)
  if (parsed.password) return url
  parsed.password = encodeURIComponent(password)
  return parsed.href
}

/** An error's message; Node reports a refused connection to every address of a host as an empty AggregateError. */
function describeCause(error: unknown): string {
  if (error instanceof AggregateError && !error.message)
    return error.errors.map((e: Error) => e.message).join('; ')
  return error instanceof Error ? error.message : String(error)
}
