import { describe, expect, it } from 'vitest'
import { compileDateFormat } from './compile-date-format.js'

describe('compileDateFormat', () => {
  it('translates Java pattern letters with their field ranges', () => {
    const re = compileDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", 'datetime')
    expect(re.test('2024-02-29T23:59:59.123+05:30')).toBe(true)
    expect(re.test('2024-02-29T23:59:59.123Z')).toBe(true)
    expect(re.test('2024-02-29T24:00:00.123Z')).toBe(false)
    expect(re.test('2024-00-10T10:00:00.123Z')).toBe(false)
  })

  it('reads month and day names, am/pm, optional sections and quoted quotes', () => {
    expect(compileDateFormat('EEE, dd MMM yyyy', 'date').test('Tue, 05 Mar 2024')).toBe(true)
    expect(compileDateFormat('h:mm a', 'time').test('9:05 PM')).toBe(true)
    expect(compileDateFormat('HH:mm[:ss]', 'time').test('10:15')).toBe(true)
    expect(compileDateFormat("HH 'o''clock'", 'time').test("10 o'clock")).toBe(true)
  })

  it('falls back to Pact’s default format when none is given', () => {
    expect(compileDateFormat(undefined, 'date').test('2024-01-31')).toBe(true)
    expect(compileDateFormat('', 'timestamp').test('2024-01-31T10:00:00Z')).toBe(true)
    expect(compileDateFormat('', 'timestamp').test('2024-01-31T10:00:00')).toBe(false)
  })

  it('rejects letters that are not pattern letters and unclosed quotes', () => {
    expect(() => compileDateFormat('yyyy-bb', 'date')).toThrow(
      /'b' is not a date\/time pattern letter/,
    )
    expect(() => compileDateFormat("yyyy 'T", 'date')).toThrow(/never closed/)
  })

  it('answers at once on a long value where adjacent number fields would make backtracking slow', () => {
    // `nAnAnA` is six adjacent \d+: polynomial of degree six for a backtracking engine.
    expect(compileDateFormat('nAnAnA', 'time').test(`${'1'.repeat(50_000)}x`)).toBe(false)
    expect(compileDateFormat('nAnAnA', 'time').test('1'.repeat(50_000))).toBe(true)
  })
})
