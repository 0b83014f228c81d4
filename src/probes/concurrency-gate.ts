/** Lets at most `limit` holders in at once; the rest wait in arrival order. */
export interface ConcurrencyGate {
  acquire(): Promise<void>
  /** Call exactly once per resolved `acquire`. */
  release(): void
  /** Holders now. */
  readonly active: number
}

const RESOLVED = Promise.resolve()

/**
 * A counting semaphore. A free slot is handed straight to the next waiter on release, so a
 * newcomer can never jump the queue.
 */
export function createConcurrencyGate(limit: number): ConcurrencyGate {
  if (!(limit >= 1) || !Number.isInteger(limit))
    throw new RangeError(`concurrency must be a whole number above 0, got ${limit}`)
  let active = 0
  const waiting: (() => void)[] = []
  let head = 0
  return {
    acquire() {
      if (active < limit) {
        active++
        return RESOLVED
      }
      return new Promise<void>((resolve) => waiting.push(resolve))
    },
    release() {
      if (head === waiting.length) {
        active--
        return
      }
      const next = waiting[head++] as () => void
      if (head === waiting.length) {
        waiting.length = 0
        head = 0
      } else if (head > 1024 && head * 2 > waiting.length) {
        waiting.splice(0, head)
        head = 0
      }
      next()
    },
    get active() {
      return active
    },
  }
}
