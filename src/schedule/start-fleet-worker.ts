import type { Clock, SlotClaim, WorkerBeat } from '../model/index.js'
import type { FleetStore } from '../store/index.js'
import type { SlotClaims } from './contract-scheduler.js'

/** How long ended claims (who ran which slot) and silent workers are kept. */
export const CLAIM_RETENTION_MS = 24 * 3_600_000
/** How often a worker prunes them. */
const PRUNE_EVERY_MS = 3_600_000

export interface FleetWorkerDeps {
  store: FleetStore
  clock: Clock
  /** Who this worker is; `statusUrl` may be set later with {@link FleetWorker.setStatusUrl}. */
  identity: Omit<WorkerBeat, 'statusUrl'>
  /**
   * How long a claim holds without a heartbeat. The heartbeat comes every third of it, so
   * a worker misses two beats before another may take over its runs; a killed worker's runs
   * are abandoned at most this long after it died.
   */
  leaseMs: number
  /** A running claim of any worker was abandoned: its lease ran out. */
  onAbandoned?(claim: SlotClaim): void
  /** A heartbeat failed (the store is unreachable); the next one tries again. */
  onBeatFailed?(error: unknown): void
  /** A claim could not be ended; its lease will run out and it is marked abandoned. */
  onFinishFailed?(task: string, slot: Date, error: unknown): void
}

export interface FleetWorker extends SlotClaims {
  readonly id: string
  setStatusUrl(url: string): void
  /** Stops the heartbeat and marks the worker stopped, abandoning the claims it still runs. */
  stop(): Promise<void>
}

/**
 * Registers this daemon in the store's worker registry and keeps it there: a heartbeat
 * every `leaseMs / 3` renews the leases of all its running claims and marks other workers'
 * expired ones abandoned (any live worker sweeps, so a dead one's runs do not wait for it).
 */
export async function startFleetWorker(deps: FleetWorkerDeps): Promise<FleetWorker> {
  const { store, clock, leaseMs } = deps
  const identity: WorkerBeat = { ...deps.identity }
  let prunedAt = -Infinity
  const beat = async () => {
    try {
      const now = clock.now()
      await store.beatWorker(identity, now, leaseMs)
      for (const claim of await store.abandonExpiredSlots(now)) deps.onAbandoned?.(claim)
      if (now - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = now
        await store.pruneSlots(new Date(now - CLAIM_RETENTION_MS).toISOString())
      }
    } catch (error) {
      deps.onBeatFailed?.(error)
    }
  }
  // The first beat registers the worker before it claims anything; a store that is down
  // here was reachable a moment ago (it was just opened), so it is retried like any beat.
  await beat()
  let beating: Promise<void> | undefined
  const timer = setInterval(
    () => {
      beating ??= beat().finally(() => (beating = undefined))
    },
    Math.max(100, Math.floor(leaseMs / 3)),
  )
  timer.unref?.()

  return {
    id: identity.id,
    claim: (task, slot) =>
      store.claimSlot({
        task,
        slot: slot.toISOString(),
        worker: identity.id,
        now: clock.now(),
        leaseMs,
      }),
    async finish(task, slot, end) {
      try {
        await store.finishSlot(
          { task, slot: slot.toISOString(), worker: identity.id },
          { ...end, at: new Date(clock.now()).toISOString() },
        )
      } catch (error) {
        deps.onFinishFailed?.(task, slot, error)
      }
    },
    setStatusUrl(url) {
      identity.statusUrl = url
    },
    async stop() {
      clearInterval(timer)
      await beating
      await store.stopWorker(identity.id, new Date(clock.now()).toISOString())
    },
  }
}
