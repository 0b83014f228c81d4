import { describe, expect, it } from 'vitest'
import { parseDuration } from './duration.js'

describe('parseDuration', () => {
  it.each([
    ['24h', 86_400_000],
    ['90m', 5_400_000],
    ['30s', 30_000],
    ['7d', 604_800_000],
    ['250ms', 250],
    ['1h30m', 5_400_000],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  it.each(['', '24', 'h', '24x', '1.5h', '-1h', ' 24h', '24 h', '0s', '0h0m'])(
    'rejects %j',
    (text) => {
      expect(parseDuration(text)).toBeUndefined()
    },
  )
})
