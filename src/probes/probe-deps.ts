import type { Clock } from '../model/index.js'

export type { Clock }

/** Resolves after `ms` milliseconds. Passed in so retry and rate-limit waits can be recorded instead of slept. */
export type Sleep = (ms: number) => Promise<void>

/** A number in [0, 1), as `Math.random` gives; the jitter of retry backoff. */
export type Random = () => number

export const systemClock: Clock = { now: () => Date.now() }

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
