import { describe, expect, it } from 'vitest'
import { compareTypes } from './compare-schemas.js'
import type { JsonType } from './normalize-schema.js'

const types = (...list: JsonType[]) => new Set(list)

describe('compareTypes', () => {
  it('calls types that share no value changed', () => {
    expect(compareTypes(types('string'), types('integer'))).toBe('type-changed')
  })

  it('calls integer to number a widening and the reverse a narrowing', () => {
    expect(compareTypes(types('integer'), types('number'))).toBe('type-generalized')
    expect(compareTypes(types('number'), types('integer'))).toBe('type-narrowed')
  })

  it('treats a missing type as any', () => {
    expect(compareTypes(undefined, types('string'))).toBe('type-narrowed')
    expect(compareTypes(types('string'), undefined)).toBe('type-generalized')
    expect(compareTypes(undefined, undefined)).toBeUndefined()
  })

  it('sees no change in the same set written in another order', () => {
    expect(compareTypes(types('string', 'integer'), types('integer', 'string'))).toBeUndefined()
  })
})
