import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  defaultConformanceDir,
  describeFailure,
  findConformanceCases,
  runConformanceCase,
} from '../../scripts/conformance.js'

/**
 * @note The Pact Foundation's specification testcases live outside the project (they are not
 * ours to copy); when the folder is absent the suite says so and skips.
 */
const available = existsSync(defaultConformanceDir)
if (!available)
  console.warn(
    `Pact conformance testcases not found at ${defaultConformanceDir}; skipping the conformance suite.`,
  )

const cases = available ? await findConformanceCases(defaultConformanceDir) : []

describe.skipIf(!available)(
  'Pact specification testcases (V3 and V4, JSON request and response)',
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
