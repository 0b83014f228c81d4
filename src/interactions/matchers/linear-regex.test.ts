import { RE2JS } from 're2js'
import { describe, expect, it } from 'vitest'
import { compileLinearRegex } from './linear-regex.js'

const patterns = [
  '[^@\\s]+@[^@\\s]+\\.[a-z]{2,}',
  '[A-Z]{2}-\\d{4}',
  '\\d+\\d+',
  '(a+)+',
  '(a|aa)+!',
  '(?:\\.[a-z]+)*x',
  'GET|POST|P',
  '.*',
  '[^a]\\s\\S\\w\\W\\b.',
  '(?:01|02|1|10)-\\d{2}(?:\\d{2})?',
  'x{,3}',
  '[]a-]+\\-',
]

const values = [
  '',
  'a',
  'aa!',
  'user1@example.com',
  'user1@example',
  'AB-1234',
  '12',
  '\u00a0 \u000b',
  '\n',
  'x\u{1f600}',
  'b \u2028a!',
  '.ab.cd.efx',
  '01-2024',
  '10-20',
  'x{,3}',
  ']a-a-',
  'POST',
]

describe('compileLinearRegex', () => {
  it('decides exactly as RE2 does, whichever engine runs the value', () => {
    for (const pattern of patterns) {
      const regex = compileLinearRegex(pattern)
      const re2 = RE2JS.compile(pattern)
      for (const base of values) {
        // Long values go to RE2 where V8's backtracking is not bounded; short ones may not.
        for (const value of [base, base.repeat(40)]) {
          expect([pattern, value, regex.test(value)]).toEqual([
            pattern,
            value,
            re2.testExact(value),
          ])
        }
      }
    }
  })

  it('answers nested and adjacent quantifiers on a 50,000-character value at once', () => {
    const value = `${'a'.repeat(50_000)}!`
    expect(compileLinearRegex('(a+)+').test(value)).toBe(false)
    expect(compileLinearRegex('(a|a)*').test(value)).toBe(false)
    expect(compileLinearRegex('\\w+\\w+\\w+\\w+').test(value)).toBe(false)
    expect(compileLinearRegex('[a-z]*[a-z]*!').test(value)).toBe(true)
    // Quadratic for a backtracking engine: V8 may run it only on short values.
    expect(compileLinearRegex('\\d+\\d+').test(`${'1'.repeat(50_000)}x`)).toBe(false)
  })

  it('says why RE2 rejects a pattern', () => {
    expect(() => compileLinearRegex('a{2,1}')).toThrow(
      new SyntaxError('invalid repeat count: `{2,1}`'),
    )
  })
})
