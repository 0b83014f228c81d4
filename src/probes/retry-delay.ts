import type { Random } from './probe-deps.js'

/** How long to wait between tries. Documented defaults are those of `createProbeClient`. */
export interface RetryDelayOptions {
  /** The first backoff's ceiling, doubled on each further retry. Default 250. */
  backoffBaseMs: number
  /** No backoff is longer than this. Default 10000. */
  backoffCapMs: number
  /** A `Retry-After` longer than this is cut to it, so one header cannot stall a run. Default 60000. */
  retryAfterCapMs: number
}

/**
 * Exponential backoff with full jitter: a random wait up to `base × 2^(retry-1)` (capped), so
 * probes that failed together do not retry together.
 * @param retry 1 for the first retry.
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function computeBackoffMs(
  retry: number,
  random: Random,
  options: Pick<RetryDelayOptions, 'backoffBaseMs' | 'backoffCapMs'>,
): number {
  const ceiling = Math.min(options.backoffCapMs, options.backoffBaseMs * 2 ** (retry - 1))
  return Math.floor(random() * ceiling)
}

const DELAY_SECONDS = /^\s*(\d+)\s*$/
const HAS_LETTER = /[A-Za-z]/

/**
 * Milliseconds to wait from a `Retry-After` header: delay-seconds or an HTTP date
 * (RFC 9110 §10.2.3). `undefined` when the header is missing or unreadable, so the
 * caller falls back to backoff. A date in the past means no wait.
 */
export function parseRetryAfter(
  value: string | string[] | undefined,
  nowMs: number,
): number | undefined {
  const text = Array.isArray(value) ? value[0] : value
  if (text === undefined) return undefined
  const seconds = DELAY_SECONDS.exec(text)
  if (seconds !== null) return Number(seconds[1]) * 1000
  // @note Every HTTP-date form names a month; without this, Date.parse reads '-5' as a year.
  const date = HAS_LETTER.test(text) ? Date.parse(text) : Number.NaN
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - nowMs)
}

/** The wait before a retry: the upstream's `Retry-After` (capped) when it gave one, else backoff. */
export function computeRetryDelayMs(
  retry: number,
  retryAfter: string | string[] | undefined,
  deps: { random: Random; nowMs: number },
  options: RetryDelayOptions,
): number {
  const asked = parseRetryAfter(retryAfter, deps.nowMs)
  if (asked !== undefined) return Math.min(asked, options.retryAfterCapMs)
  return computeBackoffMs(retry, deps.random, options)
}
