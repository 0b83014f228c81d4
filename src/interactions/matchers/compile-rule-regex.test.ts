import { describe, expect, it } from 'vitest'
import { compileRuleRegex } from './compile-rule-regex.js'

describe('compileRuleRegex', () => {
  it('anchors the pattern so the whole value must match', () => {
    expect(compileRuleRegex('\\d+').test('123')).toBe(true)
    expect(compileRuleRegex('\\d+').test('123a')).toBe(false)
    expect(compileRuleRegex('a|b').test('ab')).toBe(false)
  })

  it('understands Java spellings: inline flags, POSIX classes, \\A and \\z, possessive quantifiers', () => {
    expect(compileRuleRegex('(?i)abc').test('ABC')).toBe(true)
    expect(compileRuleRegex('\\p{Alpha}+\\p{Digit}').test('ab1')).toBe(true)
    expect(compileRuleRegex('[[:alpha:]]+').test('abc')).toBe(true)
    expect(compileRuleRegex('\\Aab\\z').test('ab')).toBe(true)
    expect(compileRuleRegex('a++b').test('aab')).toBe(true)
    expect(compileRuleRegex('add\\-item').test('add-item')).toBe(true)
  })

  it('throws on a pattern no dialect accepts', () => {
    expect(() => compileRuleRegex('(unclosed')).toThrow(SyntaxError)
  })
})
