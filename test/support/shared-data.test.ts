import { describe, expect, it } from 'vitest'
import { isCi, requireShared } from './shared-data.js'

describe('requireShared', () => {
  it('lets a suite skip, saying what is absent, given missing data outside CI', () => {
    const data = requireShared('no-such-suite', 'INDEX.tsv', {})
    expect(data.available).toBe(false)
    expect(data.skipNote).toBe(' (skipped: ../shared/no-such-suite/INDEX.tsv is absent)')
  })

  it('fails loudly given missing data under CI=true', () => {
    expect(() => requireShared('no-such-suite', 'INDEX.tsv', { CI: 'true' })).toThrow(
      /Failed to find the shared test data \.\.\/shared\/no-such-suite\/INDEX\.tsv .*under CI=true/,
    )
  })

  it('reads CI as set unless it is empty, 0 or false', () => {
    expect([undefined, '', '0', 'false', 'FALSE'].map((CI) => isCi({ CI }))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ])
    expect(['true', '1', 'yes'].map((CI) => isCi({ CI }))).toEqual([true, true, true])
  })
})
