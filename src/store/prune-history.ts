import type { RunStore } from './store.js'

export interface PruneHistoryOptions {
  /** Runs that finished longer ago than this are pruned (`retention`). */
  retentionMs: number
  /** Epoch milliseconds. */
  now: number
  /** Runs deleted per transaction. Default 500. */
  batchSize?: number
}

/**
 * Applies the retention to the whole store, a batch per transaction, so that a daemon's runs
 * are written between batches instead of waiting behind one long delete.
 * @returns how many runs were pruned.
 */
export async function pruneHistory(
  store: Pick<RunStore, 'pruneRuns'>,
  options: PruneHistoryOptions,
): Promise<number> {
  const limit = options.batchSize ?? 500
  const before = new Date(options.now - options.retentionMs).toISOString()
  let pruned = 0
  for (;;) {
    const deleted = await store.pruneRuns({ before, limit })
    pruned += deleted
    if (deleted < limit) return pruned
  }
}
