import { describe, expect, it } from 'vitest'
import { findWholeFloatPaths } from './find-float-literals.js'

describe('findWholeFloatPaths', () => {
  it('finds numbers written as floats that hold whole values, by path', () => {
    const text = '{"a": 10.0, "b": [1, 2.50, 3e2], "c": {"d e": -4.00}, "f": 7}'
    expect([...findWholeFloatPaths(text)].sort()).toEqual(['$.b[2]', "$.c['d e']", '$.a'].sort())
  })

  it('ignores look-alikes inside strings and finds nothing in ordinary bodies', () => {
    expect(findWholeFloatPaths('{"v": "1.0, x", "w": ["2.0]"], "n": 1}').size).toBe(0)
    expect(findWholeFloatPaths('{"id": 1, "price": 9.99}').size).toBe(0)
  })
})
