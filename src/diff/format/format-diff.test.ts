import { describe, expect, it } from 'vitest'
import type { DiffResult, SpecChange } from '../spec-change.js'
import { formatDiffMarkdown } from './format-diff-markdown.js'
import { formatDiffText } from './format-diff-text.js'

function change(
  operation: string | undefined,
  rule: string,
  severity: SpecChange['severity'],
  base: string,
  message = rule,
): SpecChange {
  return { rule, severity, ...(operation ? { operation } : {}), path: { base }, message }
}

function result(changes: SpecChange[]): DiffResult {
  const summary = { breaking: 0, warning: 0, info: 0 }
  for (const c of changes) summary[c.severity]++
  return { base: 'v1.yaml', revision: 'v2.yaml', summary, changes, problems: [] }
}

describe('formatDiffText', () => {
  it('groups by operation with the operations that break first', () => {
    const text = formatDiffText(
      result([
        change('GET /a', 'endpoint-deprecated', 'info', '/paths/~1a/get'),
        change('GET /b', 'endpoint-removed', 'breaking', '/paths/~1b/get'),
        change(undefined, 'server-added', 'info', '/servers'),
      ]),
    )
    expect(text).toBe(
      [
        'v1.yaml → v2.yaml: 1 breaking, 0 warnings, 2 info',
        '',
        'GET /b',
        '  breaking endpoint-removed: endpoint-removed',
        '',
        'Document',
        '  info     server-added: server-added',
        '',
        'GET /a',
        '  info     endpoint-deprecated: endpoint-deprecated',
        '',
      ].join('\n'),
    )
  })

  it('shows a change of a shared schema once and counts it in the other operations', () => {
    const shared = '/components/schemas/Error/properties/code'
    const text = formatDiffText(
      result([
        change(
          'GET /a',
          'response-property-type-changed',
          'breaking',
          shared,
          'code: type changed',
        ),
        change(
          'GET /b',
          'response-property-type-changed',
          'breaking',
          shared,
          'code: type changed',
        ),
        change(
          'GET /c',
          'response-property-type-changed',
          'breaking',
          shared,
          'code: type changed',
        ),
      ]),
    )
    expect(text).toContain(
      'GET /a\n  breaking response-property-type-changed: code: type changed (also in 2 other operations)\n',
    )
    expect(text).toContain(
      'GET /b\n  + 1 change in shared schemas, listed under an operation above\n',
    )
  })
})

describe('formatDiffMarkdown', () => {
  it('puts breaking changes and warnings in tables and folds info away', () => {
    const markdown = formatDiffMarkdown(
      result([
        change('GET /a', 'endpoint-removed', 'breaking', '/a', 'operation | removed'),
        change('GET /b', 'endpoint-added', 'info', '/b'),
      ]),
    )
    expect(markdown).toContain('### 🔴 OpenAPI diff: 1 breaking, 0 warnings, 1 info')
    expect(markdown).toContain('#### Breaking changes (1)')
    expect(markdown).toContain('| `GET /a` | `endpoint-removed` | operation \\| removed |')
    expect(markdown).toContain('<details><summary>Info (1)</summary>')
  })

  it('adds a column for interactions when they were given', () => {
    const used = {
      ...change('GET /a', 'endpoint-removed', 'breaking', '/a'),
      affectsInteractions: true,
    }
    expect(formatDiffMarkdown(result([used]))).toContain(
      '| `GET /a` | `endpoint-removed` | endpoint-removed | yes |',
    )
  })

  it('stays under the size of a pull-request comment', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      change(
        `GET /op${i}`,
        'response-property-removed',
        'breaking',
        `/x/${i}`,
        `property field${i} removed`,
      ),
    )
    const markdown = formatDiffMarkdown(result(many))
    expect(markdown.length).toBeLessThan(65_536)
    expect(markdown).toMatch(/_\d+ more rows left out to fit a comment/)
  })
})
