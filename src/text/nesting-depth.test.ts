import { describe, expect, it } from 'vitest'
import { findTooDeepJson, isTooDeepValue, MAX_NESTING_DEPTH, parseJson } from './nesting-depth.js'

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)

describe('findTooDeepJson', () => {
  it('accepts text nested exactly to the limit', () => {
    expect(findTooDeepJson(nested(MAX_NESTING_DEPTH))).toBe(-1)
  })

  it('gives the offset of the bracket one level past the limit', () => {
    const text = ` {"a":${nested(MAX_NESTING_DEPTH)}}`
    expect(findTooDeepJson(text)).toBe(' {"a":'.length + MAX_NESTING_DEPTH - 1)
  })

  it('skips brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ text: `"\\${'['.repeat(500)}` })
    expect(findTooDeepJson(text)).toBe(-1)
  })

  it('handles 100,000 levels without recursion', () => {
    expect(findTooDeepJson(nested(100_000))).toBe(MAX_NESTING_DEPTH)
  })
})

describe('parseJson', () => {
  it('parses ordinary JSON as JSON.parse does', () => {
    expect(parseJson('{"a":[1,{"b":null}]}')).toEqual({ a: [1, { b: null }] })
  })

  it('throws a SyntaxError that names the limit for text nested too deeply', () => {
    expect(() => parseJson(nested(MAX_NESTING_DEPTH + 1))).toThrow(
      new SyntaxError(
        'it nests arrays and objects deeper than 128 levels (at position 128), more than upcheck or Pact reads',
      ),
    )
  })
})

describe('isTooDeepValue', () => {
  const deepValue = (depth: number) => {
    let value: unknown = 1
    for (let i = 0; i < depth; i++) value = [value]
    return value
  }

  it('measures parsed data the same way as the text', () => {
    expect(isTooDeepValue(deepValue(MAX_NESTING_DEPTH))).toBe(false)
    expect(isTooDeepValue(deepValue(MAX_NESTING_DEPTH + 1))).toBe(true)
    expect(isTooDeepValue(deepValue(100_000))).toBe(true)
  })

  it('counts a shared value at its deepest place', () => {
    const shared = deepValue(100)
    expect(isTooDeepValue({ a: shared, b: deepValue(20) })).toBe(false)
    const wrap = (value: unknown, times: number) =>
      Array.from({ length: times }).reduce<unknown>((inner) => [inner], value)
    expect(isTooDeepValue({ a: shared, b: wrap(shared, 30) })).toBe(true)
  })

  it('treats a value that contains itself as too deep', () => {
    const cycle: unknown[] = []
    cycle.push({ again: cycle })
    expect(isTooDeepValue(cycle)).toBe(true)
  })

  it('measures a billion-laughs shape in linear time', () => {
    let value: unknown = ['lol']
    for (let i = 0; i < 60; i++) value = [value, value, value, value, value, value, value, value]
    expect(isTooDeepValue(value)).toBe(false)
  })
})
