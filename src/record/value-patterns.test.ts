import { describe, expect, it } from 'vitest'
import { DATE_TIME_REGEX, detectShape, URL_REGEX, UUID_REGEX } from './value-patterns.js'

describe('detectShape', () => {
  it('recognises UUIDs, ISO dates, date-times and URLs', () => {
    expect(detectShape('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe('uuid')
    expect(detectShape('2026-01-31')).toBe('date')
    expect(detectShape('2026-01-31T08:00:00.000Z')).toBe('date-time')
    expect(detectShape('2026-01-31T08:00:00+02:00')).toBe('date-time')
    expect(detectShape('2026-01-31T08:00')).toBe('date-time')
    expect(detectShape('https://cdn.example.com/a.png?x=1')).toBe('url')
  })

  it('leaves other strings alone', () => {
    for (const value of [
      'hello',
      '2026-13-45',
      '2026-13-45T00:00:00Z',
      '12345',
      'ftp://x',
      'http://',
      'https:// spaced',
    ])
      expect(detectShape(value), value).toBeUndefined()
  })

  it('writes regexes that match the whole value only', () => {
    expect(new RegExp(UUID_REGEX).test('x0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(false)
    expect(new RegExp(DATE_TIME_REGEX).test('2026-01-31T08:00:00.123456+00:00')).toBe(true)
    expect(new RegExp(DATE_TIME_REGEX).test('on 2026-01-31T08:00:00Z')).toBe(false)
    expect(new RegExp(URL_REGEX).test('see https://x.test')).toBe(false)
  })
})
