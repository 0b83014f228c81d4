import { describe, expect, it } from 'vitest'
import {
  describeFailure,
  findConformanceCases,
  runConformanceCase,
} from '../../scripts/conformance.js'
import { requireShared } from '../support/shared-data.js'

// @note The Pact Foundation's specification testcases live outside the project: not ours to copy.
const { folder, available, skipNote } = requireShared('conformance')

const cases = available ? await findConformanceCases(folder) : []

describe.skipIf(!available)(
  `Pact specification testcases (V3 and V4, JSON request and response)${skipNote}`,
  () => {
    it('finds all 284 cases', () => {
      expect(cases).toHaveLength(284)
    })

    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
      const result = await runConformanceCase(testCase)
      expect(result.outcome, describeFailure(result)).toBe('passed')
    })
  },
)
