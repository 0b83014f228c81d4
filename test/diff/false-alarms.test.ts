import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { diffSpecs } from '../../src/diff/diff-specs.js'
import { loadSpec } from '../../src/diff/load/load-spec.js'
import { completeDocument, diffDocuments } from './document-helpers.js'

const fixture = (name: string) =>
  fileURLToPath(new URL(`./fixtures/false-alarms/${name}`, import.meta.url))

/** The rule and severity of every change between a fixture's base and revision. */
async function changesOf(name: string): Promise<string[]> {
  const [base, revision] = await Promise.all([
    loadSpec(fixture(`${name}-base.yaml`)),
    loadSpec(fixture(`${name}-revision.yaml`)),
  ])
  return diffSpecs(base, revision)
    .changes.map((change) => `${change.severity} ${change.rule}`)
    .sort()
}

function requestBodyWith(schema: unknown): Record<string, unknown> {
  return completeDocument({
    paths: {
      '/alerts': {
        patch: { requestBody: { content: { 'application/json': { schema } } } },
      },
    },
  })
}

// Changes seen between two releases of GitHub's REST description that do not break a client.
describe('changes that look breaking but are not', () => {
  it('rates an anyOf whose variants only add alternatives to a required property as info', async () => {
    expect(await changesOf('any-of-alternatives')).toEqual([
      'info request-body-any-of-added-widening',
      'info request-property-added-optional',
      'info request-property-became-optional',
    ])
  })

  it('still breaks when no anyOf variant is satisfied by every body valid before', () => {
    const object = { type: 'object', properties: { state: { type: 'string' } } }
    const result = diffDocuments(
      requestBodyWith(object),
      requestBodyWith({ ...object, anyOf: [{ required: ['state'] }, { required: ['other'] }] }),
    )
    expect(result.changes.map((change) => `${change.severity} ${change.rule}`)).toEqual([
      'breaking request-body-any-of-added',
    ])
  })

  it('reports nothing when a string default is only rewritten from true to "true"', async () => {
    expect(await changesOf('default-string-enum')).toEqual([])
  })

  it('still breaks when a string default really changes, or a boolean one becomes a string', () => {
    const withDefault = (schema: unknown) =>
      requestBodyWith({ type: 'object', properties: { latest: schema } })
    const string = { type: 'string', enum: ['true', 'false', 'legacy'] }
    const rules = (before: unknown, after: unknown) =>
      diffDocuments(withDefault(before), withDefault(after)).changes.map((change) => change.rule)
    expect(rules({ ...string, default: true }, { ...string, default: 'legacy' })).toEqual([
      'request-property-default-changed',
    ])
    expect(
      rules({ type: 'boolean', default: true }, { type: ['boolean', 'string'], default: 'true' }),
    ).toContain('request-property-default-changed')
  })

  it('rates int64 on an integer and double on a number as info', async () => {
    expect(await changesOf('integer-int64')).toEqual([
      'info request-parameter-format-added-widest',
      'info response-property-format-added-widest',
      'info response-property-format-added-widest',
    ])
  })

  it('still warns when a request integer gains int32', () => {
    const param = (schema: unknown) =>
      completeDocument({
        paths: { '/jobs': { get: { parameters: [{ name: 'id', in: 'query', schema }] } } },
      })
    const result = diffDocuments(
      param({ type: 'integer' }),
      param({ type: 'integer', format: 'int32' }),
    )
    expect(result.changes.map((change) => `${change.severity} ${change.rule}`)).toEqual([
      'warning request-parameter-format-added',
    ])
  })

  it('reports only the new enum when a response maxLength gives way to a list of short values', async () => {
    expect(await changesOf('max-length-to-enum')).toEqual(['info response-property-became-enum'])
  })

  it('still warns when a listed value exceeds the bound that was dropped or relaxed', () => {
    const response = (schema: unknown) =>
      completeDocument({
        paths: {
          '/files': {
            get: {
              responses: {
                '200': {
                  description: 'OK',
                  content: {
                    'application/json': {
                      schema: { type: 'object', properties: { purpose: schema } },
                    },
                  },
                },
              },
            },
          },
        },
      })
    const rules = (before: unknown, after: unknown) =>
      diffDocuments(response(before), response(after))
        .changes.map((change) => `${change.severity} ${change.rule}`)
        .sort()
    expect(
      rules({ type: 'string', maxLength: 4 }, { type: 'string', enum: ['icon', 'evidence'] }),
    ).toEqual(['info response-property-became-enum', 'warning response-property-max-removed'])
    expect(rules({ type: 'integer', maximum: 10 }, { type: 'integer', maximum: 20 })).toEqual([
      'warning response-property-max-increased',
    ])
    expect(
      rules({ type: 'integer', maximum: 10 }, { type: 'integer', maximum: 20, enum: [1, 12] }),
    ).toContain('warning response-property-max-increased')
    expect(
      rules({ type: 'integer', maximum: 10 }, { type: 'integer', maximum: 20, enum: [1, 9] }),
    ).toEqual(['info response-property-became-enum'])
  })

  it('rates a oneOf beside additionalProperties: false as alternatives when the old body satisfies one variant', async () => {
    expect(await changesOf('one-of-beside-closed-object')).toEqual([
      'breaking request-body-additional-properties-disallowed',
      'info request-body-one-of-added-widening',
      'info request-property-added-optional',
      'info request-property-added-optional',
      'info request-property-added-optional',
      'info request-property-became-optional',
    ])
  })

  it('still breaks when another oneOf variant can be met by a body valid before', () => {
    const object = {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'integer' }, note: { type: 'string' } },
    }
    const result = diffDocuments(
      requestBodyWith(object),
      requestBodyWith({ ...object, oneOf: [{ required: ['id'] }, { required: ['note'] }] }),
    )
    expect(result.changes.map((change) => `${change.severity} ${change.rule}`)).toEqual([
      'breaking request-body-one-of-added',
    ])
  })

  it('keeps nullable beside a oneOf for its variants, and a oneOf of other types as alternatives', async () => {
    expect(await changesOf('nullable-wrapped-in-one-of')).toEqual([
      'info request-property-wrapped-in-one-of-alternatives',
      'info request-property-wrapped-in-one-of-alternatives',
    ])
  })

  it('still breaks when the wrapper drops null, or a second variant shares the old type', () => {
    const withType = (schema: unknown) =>
      requestBodyWith({ type: 'object', properties: { type: schema } })
    const rules = (before: unknown, after: unknown) =>
      diffDocuments(withType(before), withType(after))
        .changes.map((change) => `${change.severity} ${change.rule}`)
        .sort()
    const object = { type: 'object', properties: { value: { type: 'string' } } }
    expect(
      rules({ type: 'string', nullable: true }, { oneOf: [{ type: 'string' }, object] }),
    ).toEqual([
      'breaking request-property-became-not-nullable',
      'info request-property-wrapped-in-one-of-alternatives',
    ])
    expect(
      rules({ type: 'string' }, { oneOf: [{ type: 'string' }, { type: 'string', enum: ['a'] }] }),
    ).toEqual(['breaking request-property-wrapped-in-one-of'])
  })

  it('compares two inline variants merged into one of the same shape instead of calling one removed', async () => {
    // Each old variant's items now meet the new oneOf: strings one branch, objects the other.
    expect(await changesOf('one-of-variants-merged')).toEqual([
      'info request-property-added-optional',
      'info request-property-wrapped-in-one-of-alternatives',
      'info request-property-wrapped-in-one-of-alternatives',
    ])
  })

  it('still breaks when the merged variant no longer accepts what the removed one did', () => {
    const labels = (items: unknown) => ({
      type: 'object',
      properties: { labels: { type: 'array', items } },
    })
    const named = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } }
    const result = diffDocuments(
      requestBodyWith({ oneOf: [labels({ type: 'string' }), labels(named)] }),
      requestBodyWith({ oneOf: [labels({ type: 'string' })] }),
    )
    expect(result.changes.map((change) => `${change.severity} ${change.rule}`)).toEqual([
      'breaking request-property-type-changed',
    ])
  })
})
