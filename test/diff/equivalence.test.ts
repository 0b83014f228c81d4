import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { diffSpecs } from '../../src/diff/diff-specs.js'
import { loadSpec } from '../../src/diff/load/load-spec.js'

const folder = fileURLToPath(new URL('./fixtures/equivalence/', import.meta.url))
const names = [
  ...new Set(readdirSync(folder).map((file) => file.replace(/-(base|revision)\.(yaml|json)$/, ''))),
].sort()

function pairFiles(name: string): [string, string] {
  const files = readdirSync(folder)
  const find = (role: string) =>
    folder + (files.find((file) => file.startsWith(`${name}-${role}.`)) as string)
  return [find('base'), find('revision')]
}

describe('equivalent refactors', () => {
  it.each(names)('reports no change for the refactor "%s"', async (name) => {
    const [base, revision] = pairFiles(name)
    const result = diffSpecs(await loadSpec(base), await loadSpec(revision))
    expect(result.changes.map((change) => `${change.rule}: ${change.message}`)).toEqual([])
    expect(diffSpecs(await loadSpec(revision), await loadSpec(base)).changes).toEqual([])
  })

  it('has a fixture for every refactor the issue names', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'allof-flattened',
        'key-order',
        'parameters-moved-to-operation',
        'schema-moved-to-components',
        'nullable-3.0',
        'swagger-2.0',
      ]),
    )
  })
})
