import { describe, expect, it } from 'vitest'
import { compareBodies } from './compare-bodies.js'

describe('compareBodies', () => {
  it('names the values that changed, by rule path, and leaves redacted values alone', () => {
    const changes = compareBodies(
      {
        id: 1,
        title: 'same',
        views: 10,
        at: '2026-01-01T00:00:00Z',
        token: '<redacted>',
        items: [
          { n: 1, k: 'a' },
          { n: 2, k: 'a' },
        ],
      },
      {
        id: 1,
        title: 'same',
        views: 11,
        at: '2026-01-01T00:00:01Z',
        token: 'real',
        items: [{ n: 5, k: 'a' }],
      },
    )
    expect(changes.varying.sort()).toEqual(['$.at', '$.items', '$.items[*].n', '$.views'])
    expect(changes.retyped).toEqual([])
    expect(changes.missing).toEqual([])
  })

  it('tells type changes and missing fields apart from changed values', () => {
    const changes = compareBodies({ a: 'x', b: 1, c: { d: true } }, { a: null, c: {} })
    expect(changes).toEqual({ varying: [], retyped: ['$.a'], missing: ['$.b', '$.c.d'] })
  })
})
