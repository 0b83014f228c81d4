/**
 * Several `upcheck schedule` workers on one store share the work through slot claims: each
 * scheduled slot of a task (a contract's run, or the fleet-wide freshness check) is claimed
 * by one worker, once, and a claim that is running holds its task's lease.
 */

/** The task name of the freshness check's slots: no contract can have it (names are `[a-z0-9-]+`). */
export const FRESHNESS_TASK = 'upcheck:freshness'

/**
 * - `running`: claimed; its worker renews the lease while the run goes on.
 * - `finished` / `failed`: the run ended (`failed`: it raised an error and stored no run).
 * - `skipped`: the slot came while the task's previous run still held the lease.
 * - `abandoned`: the lease ran out (its worker died or stopped mid-run); the next slot runs normally.
 */
export type SlotStatus = 'running' | 'finished' | 'failed' | 'skipped' | 'abandoned'

export interface SlotKey {
  /** A contract's name, or {@link FRESHNESS_TASK}. */
  task: string
  /** The cron slot, ISO 8601. */
  slot: string
}

export interface SlotClaim extends SlotKey {
  /** The worker that claimed it (or saw it skipped). */
  worker: string
  status: SlotStatus
  claimedAt: string
  /** Set once the slot stopped running. */
  finishedAt?: string
  /** The run stored for it, when one was. */
  runId?: string
}

/**
 * - `claimed`: this worker runs the slot.
 * - `taken`: another worker claimed this slot first.
 * - `busy`: the task's previous run still holds the lease; the slot is recorded as skipped.
 */
export type ClaimOutcome = 'claimed' | 'taken' | 'busy'

export interface SlotClaimRequest extends SlotKey {
  worker: string
  /** Epoch milliseconds. */
  now: number
  /** How long the claim holds without renewal. */
  leaseMs: number
}

/** A worker as it registers itself, and renews by its heartbeat. */
export interface WorkerBeat {
  /** Unique among the workers sharing the store: `host-pid` by default. */
  id: string
  host: string
  pid: number
  startedAt: string
  /** The worker's status page, when it serves one. */
  statusUrl?: string
}

export interface WorkerRecord extends WorkerBeat {
  /** The worker's last heartbeat. */
  beatAt: string
  /** Set when the worker stopped cleanly. */
  stoppedAt?: string
}

/** The fleet as every worker's status page, `/status.json` and `/metrics` show it. */
export interface FleetStatus {
  workers: WorkerStatus[]
  /** Each task's latest claim that was not skipped: which worker runs or last ran it. */
  ranBy: Record<string, { worker: string; slot: string; status: SlotStatus }>
}

export interface WorkerStatus extends WorkerRecord {
  /** Heard from within the lease, and not stopped. */
  alive: boolean
  /** Contracts it is running now. */
  running: number
  /** Contracts whose latest run was its. */
  latestRuns: number
}
