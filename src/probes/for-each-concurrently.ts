/**
 * Calls `each` on every item, at most `limit` calls pending at once, starting them in input
 * order. It is the one worker pool of a verify: the probes of a run and the contracts of a
 * verify both go through it. A call that rejects stops new calls from starting; the first
 * rejection is thrown once the calls already started have settled, so nothing is left
 * running behind the caller's back.
 *
 * @example
 * await forEachConcurrently(contracts, 4, async (contract, index) => {
 *   results[index] = await verifyOne(contract)
 * })
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  each: (item: T, index: number) => Promise<void>,
): Promise<void> {
  if (!(limit >= 1) || !Number.isInteger(limit))
    throw new RangeError(`concurrency must be a whole number above 0, got ${limit}`)
  let next = 0
  let failed = false
  let failure: unknown
  // @note One loop per slot, not one promise per item: a run of 10,000 probes allocates
  // nothing here per probe.
  const work = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++
      try {
        await each(items[index] as T, index)
      } catch (error) {
        if (!failed) failure = error
        failed = true
      }
    }
  }
  const workers: Promise<void>[] = []
  for (let i = Math.min(limit, items.length); i > 0; i--) workers.push(work())
  await Promise.all(workers)
  if (failed) throw failure
}
