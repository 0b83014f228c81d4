import type pg from 'pg'
import type { SlotClaim, SlotStatus, WorkerRecord } from '../model/index.js'
import type { FleetStore } from './store.js'

interface ClaimRow {
  task: string
  slot: Date
  worker: string
  status: SlotStatus
  claimed_at: Date
  finished_at: Date | null
  run_id: string | null
}

interface WorkerRow {
  id: string
  host: string
  pid: number
  started_at: Date
  beat_at: Date
  stopped_at: Date | null
  status_url: string | null
}

/** How the PostgreSQL store runs a write transaction and a read, with its errors and retries. */
export interface PostgresAccess {
  transaction<T>(what: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T>
  read<T>(what: string, work: (db: pg.Pool) => Promise<T>): Promise<T>
}

/**
 * Slot claims and the worker registry on PostgreSQL.
 * @note Two workers claiming one slot at once: the primary key makes the second insert wait
 * for the first's commit, then do nothing; the partial unique index on running claims does
 * the same for two slots of one task, so "never two runs at once" holds in the database,
 * not in a protocol of ours. Lease times are the workers' clocks (as cron slots are).
 */
export function createPostgresFleet({ transaction, read }: PostgresAccess): FleetStore {
  return {
    claimSlot(request) {
      return transaction(`claim ${request.task}'s ${request.slot} slot`, async (client) => {
        const now = new Date(request.now)
        await client.query(
          `UPDATE slot_claims SET status = 'abandoned', finished_at = $1, lease_until = NULL
           WHERE task = $2 AND status = 'running' AND lease_until <= $1`,
          [now, request.task],
        )
        const inserted = await client.query(
          `INSERT INTO slot_claims (task, slot, worker, status, claimed_at, lease_until)
           VALUES ($1, $2, $3, 'running', $4, $5) ON CONFLICT DO NOTHING`,
          [
            request.task,
            request.slot,
            request.worker,
            now,
            new Date(request.now + request.leaseMs),
          ],
        )
        if (inserted.rowCount === 1) return 'claimed'
        const { rows } = await client.query<{ worker: string; status: SlotStatus }>(
          `SELECT worker, status FROM slot_claims WHERE task = $1 AND slot = $2`,
          [request.task, request.slot],
        )
        const existing = rows[0]
        if (existing)
          return existing.worker === request.worker && existing.status === 'running'
            ? 'claimed'
            : 'taken'
        await client.query(
          `INSERT INTO slot_claims (task, slot, worker, status, claimed_at, finished_at)
           VALUES ($1, $2, $3, 'skipped', $4, $4) ON CONFLICT DO NOTHING`,
          [request.task, request.slot, request.worker, now],
        )
        return 'busy'
      })
    },
    async finishSlot(key, end) {
      await transaction(`end ${key.task}'s ${key.slot} slot`, (client) =>
        client.query(
          `UPDATE slot_claims SET status = $1, finished_at = $2, run_id = $3, lease_until = NULL
           WHERE task = $4 AND slot = $5 AND worker = $6 AND status IN ('running', 'abandoned')`,
          [end.status, end.at, end.runId ?? null, key.task, key.slot, key.worker],
        ),
      )
    },
    async beatWorker(worker, now, leaseMs) {
      await transaction(`record worker ${worker.id}'s heartbeat`, async (client) => {
        await client.query(
          `INSERT INTO workers (id, host, pid, started_at, beat_at, status_url)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (id) DO UPDATE SET host = excluded.host, pid = excluded.pid, started_at = excluded.started_at,
             beat_at = excluded.beat_at, status_url = excluded.status_url, stopped_at = NULL`,
          [
            worker.id,
            worker.host,
            worker.pid,
            worker.startedAt,
            new Date(now),
            worker.statusUrl ?? null,
          ],
        )
        await client.query(
          `UPDATE slot_claims SET lease_until = $1 WHERE worker = $2 AND status = 'running'`,
          [new Date(now + leaseMs), worker.id],
        )
      })
    },
    abandonExpiredSlots(now) {
      return transaction('abandon runs whose lease ran out', async (client) => {
        const { rows } = await client.query<ClaimRow>(
          `UPDATE slot_claims SET status = 'abandoned', finished_at = $1, lease_until = NULL
           WHERE status = 'running' AND lease_until <= $1 RETURNING *`,
          [new Date(now)],
        )
        return rows.map(toSlotClaim)
      })
    },
    async stopWorker(id, at) {
      await transaction(`mark worker ${id} stopped`, async (client) => {
        await client.query(
          `UPDATE slot_claims SET status = 'abandoned', finished_at = $1, lease_until = NULL
           WHERE worker = $2 AND status = 'running'`,
          [at, id],
        )
        await client.query(`UPDATE workers SET stopped_at = $1 WHERE id = $2`, [at, id])
      })
    },
    listWorkers() {
      return read('list workers', async (db) => {
        const { rows } = await db.query<WorkerRow>(`SELECT * FROM workers ORDER BY id`)
        return rows.map(toWorker)
      })
    },
    listLatestSlots() {
      return read('list the latest slot of each task', async (db) => {
        const { rows } = await db.query<ClaimRow>(
          `SELECT DISTINCT ON (task) * FROM slot_claims WHERE status <> 'skipped' ORDER BY task, slot DESC`,
        )
        return rows.map(toSlotClaim)
      })
    },
    pruneSlots(before) {
      return transaction('prune old slot claims', async (client) => {
        const { rowCount } = await client.query(
          `DELETE FROM slot_claims WHERE slot < $1 AND status <> 'running'`,
          [before],
        )
        await client.query(`DELETE FROM workers WHERE coalesce(stopped_at, beat_at) < $1`, [before])
        return rowCount ?? 0
      })
    },
    listSlots(since) {
      return read(`list the slots since ${since}`, async (db) => {
        const { rows } = await db.query<ClaimRow>(
          `SELECT * FROM slot_claims WHERE slot >= $1 ORDER BY task, slot`,
          [since],
        )
        return rows.map(toSlotClaim)
      })
    },
  }
}

function toSlotClaim(row: ClaimRow): SlotClaim {
  return {
    task: row.task,
    slot: row.slot.toISOString(),
    worker: row.worker,
    status: row.status,
    claimedAt: row.claimed_at.toISOString(),
    ...(row.finished_at !== null && { finishedAt: row.finished_at.toISOString() }),
    ...(row.run_id !== null && { runId: row.run_id }),
  }
}

function toWorker(row: WorkerRow): WorkerRecord {
  return {
    id: row.id,
    host: row.host,
    pid: row.pid,
    startedAt: row.started_at.toISOString(),
    beatAt: row.beat_at.toISOString(),
    ...(row.stopped_at !== null && { stoppedAt: row.stopped_at.toISOString() }),
    ...(row.status_url !== null && { statusUrl: row.status_url }),
  }
}
