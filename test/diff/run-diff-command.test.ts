import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { decideDiffExitCode } from '../../src/cli/exit-code.js'
import { runDiffCommand as diffAndFormat } from '../../src/diff/run-diff-command.js'
import { pactDocument } from '../support/pact-files.js'
import { useTempDir } from '../support/temp-dir.js'

/** The outcome, with the exit code the CLI decides from it (the diff layer decides none). */
async function runDiffCommand(...args: Parameters<typeof diffAndFormat>) {
  const outcome = await diffAndFormat(...args)
  return { ...outcome, exitCode: decideDiffExitCode(outcome) }
}

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
const deps = { now: () => new Date('2026-01-01T00:00:00Z') }
const base = fixture('impact/base.yaml')
const revision = fixture('impact/revision.yaml')

describe('runDiffCommand', () => {
  const tmp = useTempDir('diff-cmd')

  it('exits 1 when a breaking change is found, printing text grouped by operation', async () => {
    const outcome = await runDiffCommand({ base, revision }, deps)
    expect(outcome.exitCode).toBe(1)
    expect(outcome.errors).toBe('')
    const lines = outcome.output.split('\n')
    expect(lines[0]).toMatch(
      /^.*base\.yaml → .*revision\.yaml: \d+ breaking, \d+ warnings?, \d+ info$/,
    )
    expect(outcome.output).toContain(
      '\nGET /orders\n  breaking endpoint-removed: operation removed without deprecation\n',
    )
  })

  it('exits 0 for identical documents and says so', async () => {
    const outcome = await runDiffCommand({ base, revision: base }, deps)
    expect(outcome).toMatchObject({ exitCode: 0, errors: '' })
    expect(outcome.output).toContain('No differences.')
  })

  it('follows --fail-on: never passes, warning fails on warnings too', async () => {
    expect((await runDiffCommand({ base, revision, failOn: 'never' }, deps)).exitCode).toBe(0)
    const equivalent = fixture('equivalence/swagger-2.0-base.yaml')
    const warningsOnly = await tmp.write(
      'warning-only.yaml',
      'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths:\n  /a:\n    get:\n      parameters:\n        - { name: q, in: query, schema: { type: string } }\n      responses:\n        "200": { description: OK }\n',
    )
    const withoutParameter = await tmp.write(
      'without-parameter.yaml',
      'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "200": { description: OK }\n',
    )
    expect(
      (await runDiffCommand({ base: warningsOnly, revision: withoutParameter }, deps)).exitCode,
    ).toBe(0)
    expect(
      (
        await runDiffCommand(
          { base: warningsOnly, revision: withoutParameter, failOn: 'warning' },
          deps,
        )
      ).exitCode,
    ).toBe(1)
    expect(
      (await runDiffCommand({ base: equivalent, revision: equivalent, failOn: 'warning' }, deps))
        .exitCode,
    ).toBe(0)
  })

  it('prints the promised JSON shape', async () => {
    const outcome = await runDiffCommand({ base, revision, format: 'json' }, deps)
    const json = JSON.parse(outcome.output)
    expect(Object.keys(json)).toEqual(['base', 'revision', 'summary', 'changes', 'problems'])
    expect(json.problems).toEqual([])
    expect(Object.keys(json.summary)).toEqual(['breaking', 'warning', 'info'])
    expect(json.changes[0]).toMatchObject({
      rule: expect.any(String),
      severity: 'breaking',
      path: expect.any(Object),
      message: expect.any(String),
    })
    expect(json.summary.breaking).toBe(
      json.changes.filter((c: { severity: string }) => c.severity === 'breaking').length,
    )
  })

  it('prints markdown for a pull-request comment', async () => {
    const outcome = await runDiffCommand({ base, revision, format: 'markdown' }, deps)
    expect(outcome.output).toMatch(/^### 🔴 OpenAPI diff: \d+ breaking/)
    expect(outcome.output).toContain('| Operation | Rule | Change |')
    expect(outcome.output).toContain(
      '| `GET /orders` | `endpoint-removed` | operation removed without deprecation |',
    )
  })

  it('reads a Pact file for --interactions and marks what it uses', async () => {
    const pact = await tmp.write(
      'pets.pact.json',
      JSON.stringify(
        pactDocument(
          [
            {
              type: 'Synchronous/HTTP',
              description: 'list orders',
              request: { method: 'GET', path: '/v1/orders' },
              response: { status: 200 },
            },
          ],
          { consumer: 'shop', provider: 'pets' },
        ),
      ),
    )
    const outcome = await runDiffCommand(
      { base, revision, interactions: pact, format: 'json' },
      deps,
    )
    const removed = JSON.parse(outcome.output).changes.find(
      (change: { rule: string }) => change.rule === 'endpoint-removed',
    )
    expect(removed).toMatchObject({ operation: 'GET /orders', affectsInteractions: true })
    const text = await runDiffCommand({ base, revision, interactions: pact }, deps)
    expect(text.output).toContain(
      'endpoint-removed: operation removed without deprecation [affects recorded interactions]',
    )
  })

  it('exits 2 on a missing document, an unknown format or an unknown --fail-on', async () => {
    const missing = await runDiffCommand({ base: join(tmp.path, 'missing.yaml'), revision }, deps)
    expect(missing).toMatchObject({ exitCode: 2, output: '' })
    expect(missing.errors).toContain('missing.yaml')
    const format = await runDiffCommand({ base, revision, format: 'html' }, deps)
    expect(format).toMatchObject({ exitCode: 2 })
    expect(format.errors).toContain('--format must be one of text, json, markdown; got "html"')
    expect((await runDiffCommand({ base, revision, failOn: 'sometimes' }, deps)).errors).toContain(
      '--fail-on must be one of breaking, warning, never',
    )
  })

  it('diffs an invalid document, reporting its problems as warnings, and exits 2 on it with strict', async () => {
    const invalid = fixture('load/invalid-missing-responses.yaml')
    const strict = await runDiffCommand({ base: invalid, revision: invalid, strict: true }, deps)
    expect(strict.exitCode).toBe(2)
    expect(strict.errors).toContain('responses is missing')
    const text = await runDiffCommand({ base, revision: invalid }, deps)
    expect(text.warnings).toEqual([
      `${invalid} is not a valid OpenAPI document, diffed anyway: /paths/~1pets/get/responses: responses is missing. Pass --strict to refuse such documents.`,
    ])
    const markdown = await runDiffCommand({ base: invalid, revision, format: 'markdown' }, deps)
    expect(markdown.warnings[0]).toContain(`${invalid} is not a valid OpenAPI document`)
    const json = await runDiffCommand({ base: invalid, revision: invalid, format: 'json' }, deps)
    expect(json).toMatchObject({ exitCode: 0, errors: '', warnings: [] })
    expect(JSON.parse(json.output).problems).toEqual([
      { document: 'base', message: '/paths/~1pets/get/responses: responses is missing' },
      { document: 'revision', message: '/paths/~1pets/get/responses: responses is missing' },
    ])
  })
})
