import type { Clock, Sleep } from './probe-deps.js'

/** Hands out permission to send, at most `ratePerSecond` times a second. */
export interface RateLimiter {
  /** Resolves when the caller may send one request. */
  acquire(): Promise<void>
}

export interface RateLimiterOptions {
  /** Requests per second. `Infinity` turns the limiter off. */
  ratePerSecond: number
  clock: Clock
  sleep: Sleep
  /**
   * Waits shorter than this are not slept: timers have 1 ms granularity, so sleeping for
   * 0.2 ms costs a whole millisecond. The schedule still advances by the full interval, so
   * skipped waits never add up to a higher rate. Default 1.
   */
  minSleepMs?: number
}

const RESOLVED = Promise.resolve()

/**
 * A rate limiter that spaces requests evenly, `1000 / ratePerSecond` ms apart (a token bucket
 * of size one, or GCRA): in any second at most `ratePerSecond` requests start, even at the
 * start of a run, where a bigger bucket would let a burst through.
 *
 * @example
 * const limiter = createRateLimiter({ ratePerSecond: 10, clock: systemClock, sleep: realSleep })
 * await limiter.acquire() // immediately; the next caller waits until 100 ms later
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { ratePerSecond, clock, sleep } = options
  if (!(ratePerSecond > 0))
    throw new RangeError(`ratePerSecond must be above 0, got ${ratePerSecond}`)
  if (ratePerSecond === Infinity) return { acquire: () => RESOLVED }
  const intervalMs = 1000 / ratePerSecond
  const minSleepMs = options.minSleepMs ?? 1
  let nextSlot = -Infinity
  return {
    acquire() {
      const now = clock.now()
      const slot = nextSlot > now ? nextSlot : now
      nextSlot = slot + intervalMs
      const wait = slot - now
      return wait >= minSleepMs ? sleep(wait) : RESOLVED
    },
  }
}
