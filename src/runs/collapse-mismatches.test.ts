import { describe, expect, it } from 'vitest'
import type { Mismatch } from '../model/index.js'
import { numberBecameString } from '../../test/support/sample-finding.js'
import { collapseMismatches } from './collapse-mismatches.js'

describe('collapseMismatches', () => {
  it('folds the same change in every item of a list into one finding at [*]', () => {
    const out = collapseMismatches(
      [1, 2, 3, 4, 5].map((i) => numberBecameString(`$.items[${i - 1}].id`, i)),
    )
    expect(out).toEqual([
      {
        ...numberBecameString('$.items[0].id', 1),
        path: '$.items[*].id',
        message:
          '$.items[*].id: expected a number (like 1), got the string "1" (at 5 places: $.items[0].id, $.items[1].id, $.items[2].id, and 2 more)',
      },
    ])
  })

  it('keeps different fields and different changes apart, in their first order', () => {
    const missing: Mismatch = {
      part: 'body',
      path: '$.items[0].body',
      expected: 'string',
      actual: 'nothing',
      rule: 'type',
      message: '$.items[0].body: missing',
    }
    const out = collapseMismatches([
      numberBecameString('$.items[0].id', 1),
      missing,
      numberBecameString('$.items[1].id', 2),
      numberBecameString('$.id', 9),
    ])
    expect(out.map((m) => m.path)).toEqual(['$.items[*].id', '$.items[0].body', '$.id'])
  })

  it('leaves a single mismatch as it is', () => {
    expect(collapseMismatches([numberBecameString('$.items[3].id', 1)])).toEqual([
      numberBecameString('$.items[3].id', 1),
    ])
  })
})
