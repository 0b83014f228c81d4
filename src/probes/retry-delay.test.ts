import { describe, expect, it } from 'vitest'
import { computeBackoffMs, computeRetryDelayMs, parseRetryAfter } from './retry-delay.js'

const options = { backoffBaseMs: 100, backoffCapMs: 1000, retryAfterCapMs: 60_000 }

describe('computeBackoffMs', () => {
  it('draws from a window that doubles with each retry, up to the cap', () => {
    const top = () => 0.999999
    expect([1, 2, 3, 4, 5, 6].map((retry) => computeBackoffMs(retry, top, options))).toEqual([
      99, 199, 399, 799, 999, 999,
    ])
  })

  it('may wait nothing at all (full jitter)', () => {
    expect(computeBackoffMs(3, () => 0, options)).toBe(0)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-25T08:00:00Z')

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('1', now)).toBe(1000)
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000)
    expect(parseRetryAfter(['3', '9'], now)).toBe(3000)
  })

  it('reads an HTTP date as the time until then, never negative', () => {
    expect(parseRetryAfter('Wed, 25 Nov 2026 08:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Wed, 25 Nov 2026 07:00:00 GMT', now)).toBe(0)
  })

  it('returns undefined for a missing or unreadable header', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter('-5', now)).toBeUndefined()
  })
})

describe('computeRetryDelayMs', () => {
  it('prefers Retry-After, capped, and falls back to backoff', () => {
    const deps = { random: () => 0.5, nowMs: 0 }
    expect(computeRetryDelayMs(1, '2', deps, options)).toBe(2000)
    expect(computeRetryDelayMs(1, '3600', deps, { ...options, retryAfterCapMs: 60_000 })).toBe(
      60_000,
    )
    expect(computeRetryDelayMs(2, undefined, deps, options)).toBe(100)
  })
})
