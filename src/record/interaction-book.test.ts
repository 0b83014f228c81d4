import { describe, expect, it } from 'vitest'
import type { HttpInteraction } from '../model/index.js'
import { createInteractionBook } from './interaction-book.js'
import { computeRequestKey } from './request-key.js'

function interaction(
  path: string,
  status = 200,
  extra: Partial<HttpInteraction['request']> = {},
  body: unknown = { ok: true },
): HttpInteraction {
  const request = { method: 'GET', path, ...extra }
  return {
    type: 'Synchronous/HTTP',
    description: `GET ${path.replace(/\d+/g, '{id}')} → ${status}`,
    key: computeRequestKey(request),
    request,
    response: { status, body: { contentType: 'application/json', content: body } },
  }
}

describe('createInteractionBook', () => {
  it('stores requests equal after normalisation once, the newest response winning', () => {
    const book = createInteractionBook([])
    expect(book.add(interaction('/posts', 200, { query: { b: ['2'], a: ['1'] } }, { n: 1 }))).toBe(
      'added',
    )
    expect(book.add(interaction('/posts', 200, { query: { a: ['1'], b: ['2'] } }, { n: 2 }))).toBe(
      'replaced',
    )
    expect(book.interactions).toHaveLength(1)
    expect((book.interactions[0] as HttpInteraction).response.body?.content).toEqual({ n: 2 })
    expect(book.interactions[0]!.description).toBe('GET /posts → 200')
  })

  it('keeps descriptions unique and caps each operation and status', () => {
    const book = createInteractionBook([], { maxPerOperation: 2 })
    expect(book.add(interaction('/posts/1'))).toBe('added')
    expect(book.add(interaction('/posts/2'))).toBe('added')
    expect(book.add(interaction('/posts/3'))).toBe('capped')
    expect(book.add(interaction('/posts/4', 404))).toBe('added')
    expect(book.add(interaction('/posts/1'))).toBe('replaced')
    expect(book.interactions.map((i) => i.description)).toEqual([
      'GET /posts/{id} → 200',
      'GET /posts/{id} → 200 #2',
      'GET /posts/{id} → 404',
    ])
  })

  it('deduplicates against interactions already in the file, whatever key they were written with, keeping a chosen name', () => {
    const old = { ...interaction('/posts/1'), key: 'hand-written', description: 'get post 1' }
    const book = createInteractionBook([old])
    expect(book.add(interaction('/posts/1', 200, {}, { fresh: true }))).toBe('replaced')
    expect(book.interactions).toHaveLength(1)
    expect(book.interactions[0]).toMatchObject({
      description: 'get post 1',
      key: computeRequestKey({ method: 'GET', path: '/posts/1' }),
    })
  })

  it('renames a generated description when the status it names changed', () => {
    const book = createInteractionBook([])
    book.add(interaction('/posts/1'))
    expect(book.add(interaction('/posts/1', 404))).toBe('replaced')
    expect(book.interactions.map((i) => i.description)).toEqual(['GET /posts/{id} → 404'])
  })
})
