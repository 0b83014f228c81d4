import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { erasePathParameterNames } from '../../src/diff/compare/collect-operations.js'
import { diffSpecs } from '../../src/diff/diff-specs.js'
import { loadSpec } from '../../src/diff/load/load-spec.js'
import { requireShared } from '../support/shared-data.js'

// The real Stripe, Plaid and Twilio document pairs live beside the repository, not in it.
const { folder, available, skipNote } = requireShared('bench-specs', 'INDEX.tsv')
const pairs = available
  ? readdirSync(folder)
      .filter((name) => existsSync(`${folder}${name}/META.txt`))
      .sort()
  : []

function removedOperations(pair: string): string[] {
  const meta = readFileSync(`${folder}${pair}/META.txt`, 'utf8')
  const line = /^removed_operations:(.*)$/m.exec(meta)?.[1] ?? ''
  return line
    .split(';')
    .map((op) => op.trim())
    .filter(Boolean)
}

function documentFile(pair: string, role: 'old' | 'new'): string {
  const file = readdirSync(`${folder}${pair}`).find((name) => name.startsWith(`${role}.`))
  return `${folder}${pair}/${file}`
}

describe.skipIf(!available)(`the real document pairs${skipNote}`, () => {
  it.each(pairs)(
    'diffs %s and reports the operations its publisher removed as breaking',
    async (pair) => {
      const base = await loadSpec(documentFile(pair, 'old'))
      const revision = await loadSpec(documentFile(pair, 'new'))
      const result = diffSpecs(base, revision, { now: new Date('2026-11-25T00:00:00Z') })
      expect(result.summary.breaking + result.summary.warning + result.summary.info).toBe(
        result.changes.length,
      )
      const revisionPaths = new Set(
        Object.entries(
          (revision.document.paths ?? {}) as Record<string, Record<string, unknown>>,
        ).flatMap(([path, item]) =>
          Object.keys(item).map(
            (method) => `${method.toUpperCase()} ${erasePathParameterNames(path)}`,
          ),
        ),
      )
      for (const op of removedOperations(pair)) {
        const [method, path] = op.split(' ') as [string, string]
        // A path whose parameter was only renamed (`{currency}` → `{rate_id}`) is the same
        // operation by the issue's own rule; the publisher's list counts it as removed.
        if (revisionPaths.has(`${method} ${erasePathParameterNames(path)}`)) {
          expect(
            result.changes.filter(
              (change) => change.operation === op && change.rule.startsWith('endpoint-removed'),
            ),
          ).toEqual([])
          continue
        }
        const removal = result.changes.find(
          (change) => change.operation === op && change.rule.startsWith('endpoint-removed'),
        )
        expect(removal, `${op} reported as removed`).toBeDefined()
        expect(removal?.severity).toBe('breaking')
      }
    },
  )
})
