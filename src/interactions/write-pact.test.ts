import { describe, expect, it } from 'vitest'
import { readPact } from './read-pact.js'
import { writePact } from './write-pact.js'

/** A V4 file using every part of the format upcheck keeps. */
const v4 = {
  consumer: { name: 'web' },
  provider: { name: 'posts-api' },
  interactions: [
    {
      type: 'Synchronous/HTTP',
      key: '5f3c9a',
      description: 'get post 1',
      pending: true,
      providerStates: [{ name: 'post 1 exists', params: { id: 1, tags: ['a'] } }],
      comments: { text: ['recorded by upcheck'], testname: 'posts › get' },
      transport: 'https',
      pluginConfiguration: { protobuf: { descriptorKey: 'x' } },
      request: {
        method: 'GET',
        path: '/posts/1',
        query: { fields: ['id', 'title'] },
        headers: { Accept: ['application/json'] },
        matchingRules: {
          path: { combine: 'AND', matchers: [{ match: 'regex', regex: '/posts/\\d+' }] },
          query: { fields: { combine: 'OR', matchers: [{ match: 'type' }] } },
        },
        generators: { path: { type: 'ProviderState', expression: '/posts/${id}' } },
      },
      response: {
        status: 200,
        headers: { 'Content-Type': ['application/json; charset=utf-8'], 'X-Rate': ['10', '20'] },
        body: {
          contentType: 'application/json',
          encoded: false,
          content: { zeta: 1, id: 1, title: 'Hello', when: '2024-01-01T00:00:00Z', tags: ['x'] },
        },
        matchingRules: {
          body: {
            '$.id': { combine: 'AND', matchers: [{ match: 'integer' }] },
            '$.when': {
              combine: 'AND',
              matchers: [{ match: 'datetime', format: "yyyy-MM-dd'T'HH:mm:ssXXX" }],
            },
            '$.tags': { combine: 'AND', matchers: [{ match: 'type', min: 1 }] },
          },
          status: { combine: 'AND', matchers: [{ match: 'statusCode', status: [200, 203] }] },
          header: { 'X-Rate': { combine: 'AND', matchers: [{ match: 'regex', regex: '\\d+' }] } },
        },
        generators: { body: { '$.id': { type: 'RandomInt', min: 1, max: 10 } } },
      },
    },
    {
      type: 'Asynchronous/Messages',
      description: 'post created event',
      key: 'm1',
      contents: { content: { id: 1, b: 2, a: 3 }, contentType: 'application/json', encoded: false },
      metadata: { topic: 'posts' },
    },
    {
      type: 'Synchronous/HTTP',
      description: 'upload avatar',
      request: {
        method: 'PUT',
        path: '/avatar',
        body: { contentType: 'image/png', encoded: 'base64', content: 'iVBORw0KGgo=' },
      },
      response: { status: 204, body: { contentType: 'text/plain', encoded: false, content: '' } },
    },
  ],
  metadata: {
    pactSpecification: { version: '4.0' },
    'pact-js': { version: '16.5.0' },
    upcheck: { recordedAt: '2024-01-01' },
  },
}

describe('writePact', () => {
  it('round-trips a V4 file through the model without losing anything', () => {
    const written = writePact(readPact(JSON.stringify(v4), 'posts.pact.json'))
    expect(JSON.parse(written)).toEqual(v4)
  })

  it('writes the same text again when the file is read and rewritten', () => {
    const once = writePact(readPact(JSON.stringify(v4), 'posts.pact.json'))
    expect(writePact(readPact(once, 'posts.pact.json'))).toBe(once)
  })

  it('sorts keys and indents by two spaces, keeping body content in its own order', () => {
    const written = writePact(readPact(JSON.stringify(v4), 'posts.pact.json'))
    expect(written.endsWith('}\n')).toBe(true)
    expect(Object.keys(JSON.parse(written))).toEqual([
      'consumer',
      'interactions',
      'metadata',
      'provider',
    ])
    const first = JSON.parse(written).interactions[0]
    expect(Object.keys(first)).toEqual([...Object.keys(first)].sort())
    expect(Object.keys(first.response.body.content)).toEqual([
      'zeta',
      'id',
      'title',
      'when',
      'tags',
    ])
    expect(written.split('\n')[1]).toBe('  "consumer": {')
  })

  it('writes a number beyond double range as 1e999, which reads back as the same value, not null', () => {
    const text = JSON.stringify(v4)

      .replace(/"content":\s*\{/, '"content":{"big":1e999,"small":-1E400,"text":"1e999",')
    const doc = readPact(text, 'big.pact.json')
    const written = writePact(doc)
    expect(written).toContain('"big": 1e999')
    expect(written).toContain('"small": -1e999')
    expect(written).toContain('"text": "1e999"')
    expect(readPact(written, 'big.pact.json')).toEqual(doc)
  })

  it('upgrades a V2 file to V4: bodies wrapped, rules by category, version 4.0', () => {
    const v2 = {
      consumer: { name: 'web' },
      provider: { name: 'api' },
      interactions: [
        {
          description: 'list',
          providerState: 'some posts',
          request: { method: 'GET', path: '/posts', query: 'page=2' },
          response: {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
            body: [{ id: 1 }],
            matchingRules: { '$.body': { min: 1 } },
          },
        },
      ],
      metadata: { 'pact-specification': { version: '2.0.0' } },
    }
    expect(JSON.parse(writePact(readPact(JSON.stringify(v2), 'v2.json')))).toEqual({
      consumer: { name: 'web' },
      provider: { name: 'api' },
      interactions: [
        {
          type: 'Synchronous/HTTP',
          description: 'list',
          providerStates: [{ name: 'some posts' }],
          request: { method: 'GET', path: '/posts', query: { page: ['2'] } },
          response: {
            status: 200,
            headers: { 'Content-Type': ['application/json'] },
            body: { contentType: 'application/json', encoded: false, content: [{ id: 1 }] },
            matchingRules: {
              body: { $: { combine: 'AND', matchers: [{ match: 'type', min: 1 }] } },
            },
          },
        },
      ],
      metadata: { pactSpecification: { version: '4.0' } },
    })
  })

  it('upgrades a V3 message to a V4 asynchronous message', () => {
    const v3 = {
      consumer: { name: 'c' },
      provider: { name: 'p' },
      messages: [
        { description: 'evt', contents: { id: 1 }, metaData: { contentType: 'application/json' } },
      ],
      metadata: { pactSpecification: { version: '3.0.0' } },
    }
    const [message] = JSON.parse(writePact(readPact(JSON.stringify(v3), 'm.json'))).interactions
    expect(message).toEqual({
      type: 'Asynchronous/Messages',
      description: 'evt',
      contents: { content: { id: 1 }, contentType: 'application/json', encoded: false },
      metadata: { contentType: 'application/json' },
    })
  })
})
