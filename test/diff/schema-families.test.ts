import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { completeDocument, diffDocuments } from './document-helpers.js'

interface FamilyCase {
  family: string
  place?: 'property' | 'body'
  base: unknown
  revision: unknown
  request: string[]
  response: string[]
}

const cases = parse(
  readFileSync(new URL('./fixtures/schema-families.yaml', import.meta.url), 'utf8'),
) as FamilyCase[]

function documentWith(schema: unknown, place: 'property' | 'body'): Record<string, unknown> {
  const body = place === 'body' ? schema : { type: 'object', properties: { field: schema } }
  const content = { 'application/json': { schema: body } }
  return completeDocument({
    paths: {
      '/items': {
        post: {
          requestBody: { content },
          responses: { '200': { description: 'OK', content: structuredClone(content) } },
        },
      },
    },
  })
}

describe('schema rule families', () => {
  it.each(cases.map((c) => [c.family, c] as const))('classifies "%s" by direction', (_, c) => {
    const result = diffDocuments(
      documentWith(c.base, c.place ?? 'property'),
      documentWith(c.revision, c.place ?? 'property'),
    )
    const ids = (side: string) =>
      [
        ...new Set(
          result.changes.map((change) => change.rule).filter((rule) => rule.startsWith(side)),
        ),
      ].sort()
    expect(ids('request-')).toEqual([...c.request].sort())
    expect(ids('response-')).toEqual([...c.response].sort())
  })

  it('rates a narrowing as breaking for requests and harmless for responses, and a widening the other way round', () => {
    const narrowed = diffDocuments(
      documentWith({ type: 'string', enum: ['a', 'b'] }, 'property'),
      documentWith({ type: 'string', enum: ['a'] }, 'property'),
    )
    const severities = Object.fromEntries(
      narrowed.changes.map((change) => [change.rule, change.severity]),
    )
    expect(severities).toEqual({
      'request-property-enum-value-removed': 'breaking',
      'response-property-enum-value-removed': 'info',
    })
    const widened = diffDocuments(
      documentWith({ type: 'string' }, 'property'),
      documentWith({ type: 'string', nullable: true }, 'property'),
    )
    expect(
      Object.fromEntries(widened.changes.map((change) => [change.rule, change.severity])),
    ).toEqual({
      'request-property-became-nullable': 'info',
      'response-property-became-nullable': 'breaking',
    })
  })

  it('names the field path and both pointers of a change deep in a body', () => {
    const c = cases.find(
      (x) => x.family === 'nested property removed deep in an array',
    ) as FamilyCase
    const result = diffDocuments(documentWith(c.base, 'body'), documentWith(c.revision, 'body'))
    const change = result.changes.find((x) => x.rule === 'response-property-removed')
    expect(change).toMatchObject({
      operation: 'POST /items',
      path: {
        base: '/paths/~1items/post/responses/200/content/application~1json/schema/properties/data/items/properties/id',
        revision:
          '/paths/~1items/post/responses/200/content/application~1json/schema/properties/data/items',
      },
      message: 'response 200 (application/json): property data[].id removed',
    })
  })
})
