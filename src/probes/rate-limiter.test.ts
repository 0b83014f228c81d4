import { expect, it } from 'vitest'
import { createRateLimiter } from './rate-limiter.js'
import { recordingSleep } from '../../test/support/probe-fixtures.js'

/** A limiter whose waits are recorded instead of slept. */
function recordingLimiter(ratePerSecond: number, clock: { now(): number }) {
  const { sleep, waits } = recordingSleep()
  return { waits, limiter: createRateLimiter({ ratePerSecond, clock, sleep }) }
}

/** A clock that only moves when slept on, and a log of when each acquire was granted. */
function virtualTime() {
  let now = 0
  return {
    clock: { now: () => now },
    sleep: async (ms: number) => {
      now += ms
    },
    set: (t: number) => void (now = t),
  }
}

/** The largest number of grants in any window [t, t + 1000). */
function maxPerSecond(grants: number[]): number {
  let max = 0
  for (const start of grants)
    max = Math.max(max, grants.filter((t) => t >= start && t < start + 1000).length)
  return max
}

it('grants one caller at a time 1000/rate ms apart, never more than rate in any second', async () => {
  const time = virtualTime()
  const limiter = createRateLimiter({ ratePerSecond: 10, ...time })
  const grants: number[] = []

  for (let i = 0; i < 35; i++) {
    await limiter.acquire()
    grants.push(time.clock.now())
  }

  expect(grants.slice(0, 4)).toEqual([0, 100, 200, 300])
  expect(maxPerSecond(grants)).toBe(10)
})

it('schedules callers that arrive together into successive slots', async () => {
  const { limiter, waits } = recordingLimiter(4, { now: () => 1000 })

  await Promise.all(Array.from({ length: 5 }, () => limiter.acquire()))

  expect(waits).toEqual([250, 500, 750, 1000])
})

it('does not bank unused time: after a quiet spell the next request goes at once, the one after waits', async () => {
  const time = virtualTime()
  const { limiter, waits } = recordingLimiter(2, time.clock)

  await limiter.acquire()
  time.set(10_000)
  await limiter.acquire()
  await limiter.acquire()

  expect(waits).toEqual([500])
})

it('skips sleeps under a millisecond but keeps the long-run rate', async () => {
  const { limiter, waits } = recordingLimiter(5000, { now: () => 0 })

  for (let i = 0; i < 10; i++) await limiter.acquire()

  expect(waits).toEqual([1, 1.2, 1.4, 1.6, 1.8].map((ms) => expect.closeTo(ms, 6)))
})

it('lets everything through when the rate is Infinity, and refuses a rate of 0', async () => {
  const { limiter, waits } = recordingLimiter(Infinity, { now: () => 0 })
  for (let i = 0; i < 100; i++) await limiter.acquire()
  expect(waits).toEqual([])
  expect(() =>
    createRateLimiter({ ratePerSecond: 0, clock: { now: () => 0 }, sleep: async () => {} }),
  ).toThrow(RangeError)
})
