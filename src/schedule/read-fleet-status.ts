import type { FleetStatus } from '../model/index.js'
import type { FleetStore } from '../store/index.js'

/**
 * The fleet as of `now`, read from the store so that every worker shows the same thing: a
 * worker is alive while its last heartbeat is within `leaseMs` and it has not stopped.
 */
export async function readFleetStatus(
  store: FleetStore,
  now: number,
  leaseMs: number,
): Promise<FleetStatus> {
  const [workers, latest] = await Promise.all([store.listWorkers(), store.listLatestSlots()])
  const ranBy: FleetStatus['ranBy'] = {}
  for (const claim of latest)
    ranBy[claim.task] = { worker: claim.worker, slot: claim.slot, status: claim.status }
  return {
    workers: workers.map((worker) => ({
      ...worker,
      alive: worker.stoppedAt === undefined && now - Date.parse(worker.beatAt) <= leaseMs,
      running: latest.filter((c) => c.worker === worker.id && c.status === 'running').length,
      latestRuns: latest.filter((c) => c.worker === worker.id).length,
    })),
    ranBy,
  }
}
