import { describe, expect, it } from 'vitest'
import type { Mismatch } from '../model/index.js'
import { gradeMismatch } from './grade-mismatch.js'

const body = (expected: string, actual: string, rule = 'type'): Mismatch => ({
  part: 'body',
  path: '$.x',
  expected,
  actual,
  rule,
  message: `$.x: expected ${expected}, got ${actual}`,
})

describe('gradeMismatch', () => {
  it('calls a value turned null, a key gone and a list emptied warnings: drift one answer cannot rule out', () => {
    expect(gradeMismatch(body('string', 'null'))).toBe('warning')
    expect(gradeMismatch(body('string', 'nothing', 'key'))).toBe('warning')
    expect(gradeMismatch(body('at least 1 item', '0 items'))).toBe('warning')
  })

  it('calls another type, shape, status or header breaking', () => {
    expect(gradeMismatch(body('number', 'string'))).toBe('breaking')
    expect(gradeMismatch(body('object', 'array'))).toBe('breaking')
    expect(gradeMismatch(body('matching /^[0-9a-f-]{36}$/', '"x"', 'regex'))).toBe('breaking')
    expect(gradeMismatch(body('at most 2 items', '3 items'))).toBe('breaking')
    expect(gradeMismatch({ ...body('200', '500'), part: 'status' })).toBe('breaking')
    expect(gradeMismatch({ ...body('present', 'nothing'), part: 'header' })).toBe('breaking')
  })
})
