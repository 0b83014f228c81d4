import { describe, expect, it } from 'vitest'
import type { HttpInteraction } from '../model/index.js'
import { normaliseRequest, normaliseResponse } from './read-http-part.js'
import { readPact } from './read-pact.js'

function pact(
  version: string | undefined,
  interactions: unknown[],
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    consumer: { name: 'web' },
    provider: { name: 'posts-api' },
    interactions,
    ...(version ? { metadata: { pactSpecification: { version } } } : {}),
    ...extra,
  })
}

function onlyHttp(text: string): HttpInteraction {
  const [interaction] = readPact(text, 'posts.pact.json').interactions
  if (!interaction || interaction.type !== 'Synchronous/HTTP')
    throw new Error('expected one HTTP interaction')
  return interaction
}

describe('readPact: V2', () => {
  it('moves $.body, $.headers, $.query and $.path rules into V4 categories', () => {
    const interaction = onlyHttp(
      pact('2.0.0', [
        {
          description: 'get posts',
          providerState: 'posts exist',
          request: {
            method: 'GET',
            path: '/posts/1',
            query: 'page=1&tag=a%20b&tag=c',
            matchingRules: {
              '$.path': { regex: '/posts/\\d+' },
              '$.query.page': { match: 'regex', regex: '\\d+' },
              "$.headers['X-Token']": { match: 'type' },
            },
          },
          response: {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
            body: { items: [{ id: 1 }] },
            matchingRules: {
              '$.body.items': { min: 1 },
              '$.body.items[*].id': { match: 'type' },
              '$.header.ETag': { match: 'regex', regex: '\\w+' },
              '$.body': { match: 'type', max: 5 },
            },
          },
        },
      ]),
    )
    expect(interaction.providerStates).toEqual([{ name: 'posts exist' }])
    expect(interaction.request.query).toEqual({ page: ['1'], tag: ['a b', 'c'] })
    expect(interaction.request.matchingRules).toEqual({
      path: { '': { matchers: [{ match: 'regex', regex: '/posts/\\d+' }], combine: 'AND' } },
      query: { page: { matchers: [{ match: 'regex', regex: '\\d+' }], combine: 'AND' } },
      header: { 'X-Token': { matchers: [{ match: 'type' }], combine: 'AND' } },
    })
    expect(interaction.response.matchingRules).toEqual({
      body: {
        '$.items': { matchers: [{ match: 'type', min: 1 }], combine: 'AND' },
        '$.items[*].id': { matchers: [{ match: 'type' }], combine: 'AND' },
        $: { matchers: [{ match: 'type', max: 5 }], combine: 'AND' },
      },
      header: { ETag: { matchers: [{ match: 'regex', regex: '\\w+' }], combine: 'AND' } },
    })
    expect(interaction.response.body).toEqual({
      contentType: 'application/json',
      content: { items: [{ id: 1 }] },
    })
  })

  it('reads a V1 file as V2, and a file without a version by its shape', () => {
    expect(readPact(pact('1.0.0', []), 'a.json').specVersion).toBe('2.0.0')
    expect(
      readPact(
        pact(undefined, [
          {
            type: 'Synchronous/HTTP',
            description: 'd',
            request: { method: 'GET', path: '/' },
            response: { status: 200 },
          },
        ]),
        'a.json',
      ).specVersion,
    ).toBe('4.0')
  })
})

describe('readPact: V3', () => {
  it('reads queries as maps of lists, headers as text, rules by category, provider state params', () => {
    const interaction = onlyHttp(
      pact('3.0.0', [
        {
          description: 'search',
          providerStates: [{ name: 'a post', params: { id: 1 } }],
          request: {
            method: 'GET',
            path: '/search',
            query: { q: ['x'], page: '2' },
            headers: { Accept: 'application/json, text/plain' },
          },
          response: {
            status: 200,
            body: '{"id": 1}',
            headers: { 'Content-Type': 'application/json' },
            matchingRules: {
              body: { '$.id': { matchers: [{ match: 'integer' }], combine: 'AND' } },
              header: {
                'Content-Type': { matchers: [{ match: 'regex', regex: 'application/json.*' }] },
              },
            },
          },
        },
      ]),
    )
    expect(interaction.providerStates).toEqual([{ name: 'a post', params: { id: 1 } }])
    expect(interaction.request.query).toEqual({ q: ['x'], page: ['2'] })
    expect(interaction.request.headers).toEqual({ Accept: ['application/json, text/plain'] })
    // A JSON body written as a string in a V3 file is the body's text.
    expect(interaction.response.body).toEqual({
      contentType: 'application/json',
      content: { id: 1 },
    })
    expect(interaction.response.matchingRules?.body?.['$.id']?.matchers).toEqual([
      { match: 'integer' },
    ])
  })

  it('keeps a V3 message pact’s messages, to be reported as skipped', () => {
    const doc = readPact(
      JSON.stringify({
        consumer: { name: 'c' },
        provider: { name: 'p' },
        messages: [{ description: 'an event', contents: { id: 1 } }],
        metadata: { pactSpecification: { version: '3.0.0' } },
      }),
      'm.json',
    )
    expect(doc.interactions).toEqual([
      {
        type: 'Asynchronous/Messages',
        description: 'an event',
        raw: { description: 'an event', contents: { id: 1 } },
      },
    ])
  })
})

describe('readPact: V4', () => {
  it('reads bodies as {contentType, encoded, content}, status rules, keys and pending', () => {
    const interaction = onlyHttp(
      pact('4.0', [
        {
          type: 'Synchronous/HTTP',
          key: 'abc123',
          description: 'create',
          pending: true,
          request: {
            method: 'POST',
            path: '/posts',
            body: { contentType: 'application/json', encoded: false, content: { title: 't' } },
          },
          response: {
            status: 201,
            body: { contentType: 'image/png', encoded: 'base64', content: 'iVBORw0K' },
            matchingRules: {
              status: { combine: 'AND', matchers: [{ match: 'statusCode', status: 'success' }] },
            },
          },
        },
      ]),
    )
    expect(interaction.key).toBe('abc123')
    expect(interaction.pending).toBe(true)
    expect(interaction.request.body).toEqual({
      contentType: 'application/json',
      encoded: false,
      content: { title: 't' },
    })
    expect(interaction.response.body).toEqual({
      contentType: 'image/png',
      encoded: 'base64',
      content: 'iVBORw0K',
    })
    expect(interaction.response.matchingRules?.status).toEqual({
      '': { combine: 'AND', matchers: [{ match: 'statusCode', status: 'success' }] },
    })
  })

  it('keeps message interactions raw and unknown interaction fields in extra', () => {
    const message = {
      type: 'Asynchronous/Messages',
      description: 'event',
      contents: { content: { a: 1 } },
    }
    const doc = readPact(
      pact('4.0', [
        message,
        {
          type: 'Synchronous/HTTP',
          description: 'h',
          transport: 'https',
          request: { method: 'GET', path: '/' },
          response: { status: 200 },
        },
      ]),
      'a.json',
    )
    expect(doc.interactions[0]).toEqual({
      type: 'Asynchronous/Messages',
      description: 'event',
      raw: message,
    })
    expect((doc.interactions[1] as HttpInteraction).extra).toEqual({ transport: 'https' })
  })
})

describe('readPact: one interaction at a time', () => {
  const get = (n: number, rules: unknown) => ({
    description: `get ${n}`,
    request: { method: 'GET', path: `/posts/${n}` },
    response: {
      status: 200,
      body: { content: { id: n } },
      matchingRules: rules,
    },
  })
  const typeRule = { body: { '$.id': { combine: 'AND', matchers: [{ match: 'integer' }] } } }
  const otherRule = { body: { '$.id': { combine: 'AND', matchers: [{ match: 'type' }] } } }

  it('reads the same model from compact and indented text, sharing identical rules', () => {
    const interactions = [get(1, typeRule), get(2, typeRule), get(3, otherRule)]
    const compact = readPact(pact('4.0', interactions), 'a.json')
    const indented = readPact(
      JSON.stringify(JSON.parse(pact('4.0', interactions)), null, 2),
      'a.json',
    )
    expect(indented).toEqual(compact)
    const [one, two, three] = compact.interactions as HttpInteraction[]
    expect(one!.response.matchingRules).toEqual(typeRule)
    expect(two!.response.matchingRules).toBe(one!.response.matchingRules)
    expect(three!.response.matchingRules).toEqual(otherRule)
  })

  it('reports a syntax error after a bad interaction at its place, as a whole-file read does', () => {
    const text = pact('4.0', [{ request: {}, response: {} }, get(2, typeRule)]).replace(
      '"get 2",',
      '"get 2",,',
    )
    expect(() => readPact(text, 'a.json')).toThrow(
      expect.objectContaining({
        code: 'PACT_UNREADABLE',
        location: expect.objectContaining({ line: 1 }),
      }),
    )
  })
})

describe('normaliseRequest and normaliseResponse', () => {
  it('default a missing method, path and status as Pact does', () => {
    expect(normaliseRequest({}, '3.0.0')).toEqual({ method: 'GET', path: '/' })
    expect(normaliseResponse({ headers: { Accept: 'a' } }, '4.0')).toEqual({
      status: 200,
      headers: { Accept: ['a'] },
    })
  })

  it('read a V4 body given unwrapped, and a null body as an expected empty body', () => {
    expect(normaliseResponse({ body: [1, 2] }, '4.0').body).toEqual({
      contentType: 'application/json',
      content: [1, 2],
    })
    expect(normaliseResponse({ body: null }, '4.0').body).toEqual({ content: null })
  })
})

describe('readPact: bodies nested too deeply', () => {
  const deep = '['.repeat(200) + ']'.repeat(200)
  const refusal = (text: string) => {
    try {
      readPact(text, 'posts.pact.json')
    } catch (error) {
      return (error as Error).message
    }
    throw new Error('expected the file to be refused')
  }

  it('refuses JSON text nested past 128 levels inside a body string, naming the body', () => {
    const v2 = pact('2.0.0', [
      {
        description: 'deep',
        request: { method: 'GET', path: '/deep' },
        response: { status: 200, headers: { 'Content-Type': 'application/json' }, body: deep },
      },
    ])
    expect(refusal(v2)).toMatch(
      /^posts\.pact\.json: \$\.interactions\[0\]\.response\.body: the body is JSON text that it nests arrays and objects deeper than 128 levels/,
    )
    const v4 = pact('4.0', [
      {
        type: 'Synchronous/HTTP',
        description: 'deep',
        request: { method: 'GET', path: '/deep' },
        response: {
          status: 200,
          body: { contentType: 'application/json', encoded: 'json', content: deep },
        },
      },
    ])
    expect(refusal(v4)).toContain('$.interactions[0].response.body: the body is JSON text that')
  })
})
