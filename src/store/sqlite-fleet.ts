import type Database from 'better-sqlite3'
import type {
  ClaimOutcome,
  SlotClaim,
  SlotClaimRequest,
  SlotKey,
  SlotStatus,
  WorkerBeat,
  WorkerRecord,
} from '../model/index.js'

interface ClaimRow {
  task: string
  slot: string
  worker: string
  status: SlotStatus
  claimed_at: string
  finished_at: string | null
  run_id: string | null
}

interface WorkerRow {
  id: string
  host: string
  pid: number
  started_at: string
  beat_at: string
  stopped_at: string | null
  status_url: string | null
}

/**
 * The fleet's statements over an open database; the store wraps the writes in `BEGIN
 * IMMEDIATE` transactions. One daemon on a SQLite file always claims; several processes on
 * one file are serialised by the write lock, so the claims hold there too.
 */
export interface SqliteFleet {
  claim(request: SlotClaimRequest): ClaimOutcome
  finish(
    key: SlotKey & { worker: string },
    end: { status: SlotStatus; at: string; runId?: string },
  ): void
  beat(worker: WorkerBeat, now: number, leaseMs: number): void
  abandonExpired(now: number): SlotClaim[]
  stop(id: string, at: string): void
  listWorkers(): WorkerRecord[]
  listLatest(): SlotClaim[]
  listSince(since: string): SlotClaim[]
  prune(before: string): number
}

export function createSqliteFleet(db: Database.Database): SqliteFleet {
  const abandonTask = db.prepare(
    `UPDATE slot_claims SET status = 'abandoned', finished_at = ?, lease_until = NULL
     WHERE task = ? AND status = 'running' AND lease_until <= ?`,
  )
  const insertRunning = db.prepare(
    `INSERT INTO slot_claims (task, slot, worker, status, claimed_at, lease_until)
     VALUES (@task, @slot, @worker, 'running', @at, @leaseUntil) ON CONFLICT DO NOTHING`,
  )
  const insertSkipped = db.prepare(
    `INSERT INTO slot_claims (task, slot, worker, status, claimed_at, finished_at)
     VALUES (@task, @slot, @worker, 'skipped', @at, @at) ON CONFLICT DO NOTHING`,
  )
  const selectClaim = db.prepare<[string, string], ClaimRow>(
    `SELECT * FROM slot_claims WHERE task = ? AND slot = ?`,
  )
  const finishClaim = db.prepare(
    `UPDATE slot_claims SET status = @status, finished_at = @at, run_id = @runId, lease_until = NULL
     WHERE task = @task AND slot = @slot AND worker = @worker AND status IN ('running', 'abandoned')`,
  )
  const upsertWorker = db.prepare(
    `INSERT INTO workers (id, host, pid, started_at, beat_at, status_url)
     VALUES (@id, @host, @pid, @startedAt, @beatAt, @statusUrl)
     ON CONFLICT (id) DO UPDATE SET host = excluded.host, pid = excluded.pid, started_at = excluded.started_at,
       beat_at = excluded.beat_at, status_url = excluded.status_url, stopped_at = NULL`,
  )
  const renewLeases = db.prepare(
    `UPDATE slot_claims SET lease_until = ? WHERE worker = ? AND status = 'running'`,
  )
  const abandonExpired = db.prepare<[string, number], ClaimRow>(
    `UPDATE slot_claims SET status = 'abandoned', finished_at = ?, lease_until = NULL
     WHERE status = 'running' AND lease_until <= ? RETURNING *`,
  )
  const abandonWorker = db.prepare(
    `UPDATE slot_claims SET status = 'abandoned', finished_at = ?, lease_until = NULL
     WHERE worker = ? AND status = 'running'`,
  )
  const stopWorker = db.prepare(`UPDATE workers SET stopped_at = ? WHERE id = ?`)
  const selectWorkers = db.prepare<[], WorkerRow>(`SELECT * FROM workers ORDER BY id`)
  const selectLatest = db.prepare<[], ClaimRow>(
    `SELECT c.* FROM slot_claims c
     WHERE c.slot = (SELECT max(l.slot) FROM slot_claims l WHERE l.task = c.task AND l.status <> 'skipped')
     ORDER BY c.task`,
  )
  const selectSince = db.prepare<[string], ClaimRow>(
    `SELECT * FROM slot_claims WHERE slot >= ? ORDER BY task, slot`,
  )

  const pruneClaims = db.prepare(`DELETE FROM slot_claims WHERE slot < ? AND status <> 'running'`)
  const pruneWorkers = db.prepare(`DELETE FROM workers WHERE coalesce(stopped_at, beat_at) < ?`)

  return {
    claim(request) {
      const at = new Date(request.now).toISOString()
      abandonTask.run(at, request.task, request.now)
      const row = {
        task: request.task,
        slot: request.slot,
        worker: request.worker,
        at,
        leaseUntil: request.now + request.leaseMs,
      }
      if (insertRunning.run(row).changes === 1) return 'claimed'
      const existing = selectClaim.get(request.task, request.slot)
      if (existing)
        return existing.worker === request.worker && existing.status === 'running'
          ? 'claimed'
          : 'taken'
      insertSkipped.run(row)
      return 'busy'
    },
    finish(key, end) {
      finishClaim.run({ ...key, status: end.status, at: end.at, runId: end.runId ?? null })
    },
    beat(worker, now, leaseMs) {
      upsertWorker.run({
        id: worker.id,
        host: worker.host,
        pid: worker.pid,
        startedAt: worker.startedAt,
        beatAt: new Date(now).toISOString(),
        statusUrl: worker.statusUrl ?? null,
      })
      renewLeases.run(now + leaseMs, worker.id)
    },
    abandonExpired(now) {
      return abandonExpired.all(new Date(now).toISOString(), now).map(toSlotClaim)
    },
    stop(id, at) {
      abandonWorker.run(at, id)
      stopWorker.run(at, id)
    },
    listWorkers: () => selectWorkers.all().map(toWorker),
    listLatest: () => selectLatest.all().map(toSlotClaim),
    listSince: (since) => selectSince.all(since).map(toSlotClaim),
    prune(before) {
      pruneWorkers.run(before)
      return pruneClaims.run(before).changes
    },
  }
}

function toSlotClaim(row: ClaimRow): SlotClaim {
  return {
    task: row.task,
    slot: row.slot,
    worker: row.worker,
    status: row.status,
    claimedAt: row.claimed_at,
    ...(row.finished_at !== null && { finishedAt: row.finished_at }),
    ...(row.run_id !== null && { runId: row.run_id }),
  }
}

function toWorker(row: WorkerRow): WorkerRecord {
  return {
    id: row.id,
    host: row.host,
    pid: row.pid,
    startedAt: row.started_at,
    beatAt: row.beat_at,
    ...(row.stopped_at !== null && { stoppedAt: row.stopped_at }),
    ...(row.status_url !== null && { statusUrl: row.status_url }),
  }
}
