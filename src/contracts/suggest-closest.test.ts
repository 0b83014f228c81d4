import { describe, expect, it } from 'vitest'
import { measureEditDistance, suggestClosest } from './suggest-closest.js'

const TOP_LEVEL = [
  'name',
  'owner',
  'runbook',
  'upstream',
  'interactions',
  'baseline',
  'schedule',
  'freshness',
  'alerts',
  'probe',
  'redact',
]

describe('suggestClosest', () => {
  it.each([
    ['shedule', 'schedule'],
    ['shcedule', 'schedule'],
    ['interaction', 'interactions'],
    ['Owner', 'owner'],
    ['upsteram', 'upstream'],
    ['alert', 'alerts'],
  ])('suggests %s → %s', (typo, expected) => {
    expect(suggestClosest(typo, TOP_LEVEL)).toBe(expected)
  })

  it('suggests nothing for a word unlike every candidate', () => {
    expect(suggestClosest('timezone', TOP_LEVEL)).toBeUndefined()
    expect(suggestClosest('x', TOP_LEVEL)).toBeUndefined()
  })
})

describe('measureEditDistance', () => {
  it('counts insertions, deletions, substitutions and transpositions', () => {
    expect(measureEditDistance('kitten', 'sitting')).toBe(3)
    expect(measureEditDistance('', 'abc')).toBe(3)
    expect(measureEditDistance('ab', 'ba')).toBe(1)
    expect(measureEditDistance('same', 'same')).toBe(0)
  })
})
