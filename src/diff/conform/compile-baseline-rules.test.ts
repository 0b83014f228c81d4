import { describe, expect, it } from 'vitest'
import type { HttpInteraction } from '../../model/interaction.js'
import type { LoadedSpec } from '../loaded-spec.js'
import { compileBaselineRules } from './compile-baseline-rules.js'
import { parseJsonPath } from './parse-json-path.js'

const pet = {
  type: 'object',
  required: ['id', 'name', 'tags'],
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    nickname: { type: 'string' },
    next_page_uri: { type: 'string', nullable: true },
    owner: { allOf: [{ $ref: '#/components/schemas/Owner' }], nullable: true },
    tags: { type: 'array', items: { type: 'string' } },
    photos: { type: 'array', minItems: 1, items: { type: 'string' } },
    status: { type: 'string', enum: ['available', 'sold'] },
    metadata: { type: 'object' },
    counts: { type: 'object', additionalProperties: { type: 'integer' } },
    born: { type: 'string', format: 'date-time' },
    secret: { type: 'string', writeOnly: true },
    price: {
      oneOf: [
        { type: 'object', required: ['amount'], properties: { amount: { type: 'integer' } } },
        { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
      ],
    },
  },
}

function spec(openapi: string, schema: unknown, extra: Record<string, unknown> = {}): LoadedSpec {
  return {
    source: 'baseline.yaml',
    version: openapi.startsWith('3.1') ? '3.1' : '3.0',
    problems: [],
    document: {
      openapi,
      info: { title: 't', version: '1' },
      paths: {
        '/pets/{id}': {
          get: {
            responses: {
              '200': { description: 'ok', content: { 'application/json': { schema } } },
              default: { description: 'error', content: { 'application/json': { schema: {} } } },
            },
          },
        },
      },
      components: {
        schemas: {
          Owner: { type: 'object', properties: { email: { type: 'string' } } },
          ...extra,
        },
      },
    },
  }
}

const get: HttpInteraction = {
  type: 'Synchronous/HTTP',
  description: 'get pet',
  request: { method: 'GET', path: '/pets/1' },
  response: { status: 200 },
}

const body = {
  id: 1,
  name: 'Rex',
  next_page_uri: null,
  owner: null,
  tags: [],
  photos: ['a'],
  status: 'sold',
  metadata: { colour: 'brown', anything: [1, 2] },
  counts: { walks: 3 },
  born: '2020-01-01T10:00:00Z',
  price: { text: 'free' },
}

function judge(path: string, value: unknown = body, document = spec('3.0.3', pet)) {
  const documented = compileBaselineRules(document).responseFor(get, 200, 'application/json')
  return documented!.judge(value, parseJsonPath(path)!)
}

describe('compileBaselineRules', () => {
  it('allows null on a field marked nullable in 3.0, also through an allOf wrapper', () => {
    expect(judge('$.next_page_uri')).toBe('allowed')
    expect(judge('$.owner')).toBe('allowed')
    expect(judge('$.name', { ...body, name: null })).toBe('forbidden')
  })

  it('allows null on a 3.1 type array with null, and an anyOf with a null branch', () => {
    const document = spec('3.1.0', {
      type: 'object',
      properties: {
        uri: { type: ['string', 'null'] },
        ref: { anyOf: [{ $ref: '#/components/schemas/Owner' }, { type: 'null' }] },
      },
    })
    expect(judge('$.uri', { uri: null, ref: null }, document)).toBe('allowed')
    expect(judge('$.ref', { uri: null, ref: null }, document)).toBe('allowed')
    expect(judge('$.uri', { uri: 3 }, document)).toBe('forbidden')
  })

  it('allows an absent optional property, never an absent required one', () => {
    expect(judge('$.nickname')).toBe('allowed')
    const { name: _name, ...nameless } = body
    expect(judge('$.name', nameless)).toBe('forbidden')
  })

  it('does not require a writeOnly property in a response', () => {
    const document = spec('3.0.3', { ...pet, required: [...pet.required, 'secret'] })
    expect(judge('$.secret', body, document)).toBe('allowed')
  })

  it('allows an empty list without minItems, not with one', () => {
    expect(judge('$.tags')).toBe('allowed')
    expect(judge('$.photos', { ...body, photos: [] })).toBe('forbidden')
  })

  it('allows any key of a free-form object and checks the values of a typed map', () => {
    expect(judge("$.metadata['colour']", { ...body, metadata: {} })).toBe('allowed')
    expect(judge('$.metadata.anything[1]')).toBe('allowed')
    expect(judge('$.counts.runs', body)).toBe('allowed')
    expect(judge('$.counts.walks', { ...body, counts: { walks: 'three' } })).toBe('forbidden')
  })

  it('allows every documented enum value and nothing else', () => {
    expect(judge('$.status')).toBe('allowed')
    expect(judge('$.status', { ...body, status: 'lost' })).toBe('forbidden')
  })

  it('judges a field of a oneOf by the branch the live value fits', () => {
    expect(judge('$.price.amount')).toBe('allowed')
    expect(judge('$.price.text', { ...body, price: { text: 3 } })).toBe('forbidden')
  })

  it('reads date-time loosely but rejects what is not a date', () => {
    expect(judge('$.born', { ...body, born: '2021-06-01T00:00:00.123+02:00' })).toBe('allowed')
    expect(judge('$.born', { ...body, born: 'yesterday' })).toBe('forbidden')
  })

  it('calls a field the document does not describe undocumented', () => {
    expect(judge('$.colour', { ...body, colour: 3 })).toBe('undocumented')
  })

  it('keeps a changed type forbidden when the document fixes it', () => {
    expect(judge('$.id', { ...body, id: '1' })).toBe('forbidden')
    expect(judge('$.tags[0]', { ...body, tags: [1] })).toBe('forbidden')
  })

  it('finds the response by range or default, and names the operation by its template', () => {
    const rules = compileBaselineRules(spec('3.0.3', pet))
    expect(rules.nameOperation(get)).toBe('GET /pets/{id}')
    expect(rules.responseFor(get, 500, 'application/json')?.status).toBe('default')
    expect(
      rules.responseFor({ ...get, request: { method: 'GET', path: '/cats' } }, 200, undefined),
    ).toBeUndefined()
  })

  it('lists where a whole body breaks the document', () => {
    const documented = compileBaselineRules(spec('3.0.3', pet)).responseFor(get, 200, undefined)!
    expect(documented.violations(body)).toEqual([])
    const { tags: _tags, ...tagless } = body
    expect(documented.violations({ ...tagless, id: 'x', status: 'lost', extra: 1 })).toEqual([
      { path: ['tags'], expected: 'a required property', actual: 'nothing' },
      { path: ['id'], expected: 'integer', actual: 'string' },
      { path: ['status'], expected: 'one of "available", "sold"', actual: '"lost"' },
    ])
  })
})

describe('parseJsonPath', () => {
  it('reads back the paths the matcher writes', () => {
    expect(parseJsonPath("$.items[2]['first name']['it\\'s'].id")).toEqual([
      'items',
      2,
      'first name',
      "it's",
      'id',
    ])
    expect(parseJsonPath('$')).toEqual([])
    expect(parseJsonPath('$.items[*].id')).toBeUndefined()
    expect(parseJsonPath('content-type')).toBeUndefined()
  })
})
