import { describe, expect, it } from 'vitest'
import { matchResponse } from '../matching/index.js'
import type { HttpResponse } from '../model/index.js'
import { generaliseResponse } from './generalise-response.js'

const recorded: HttpResponse = {
  status: 200,
  headers: { 'Content-Type': ['application/json; charset=utf-8'] },
  body: {
    contentType: 'application/json; charset=utf-8',
    content: {
      id: 7,
      uuid: '0f8fad5b-d9cb-469f-a165-70867728950e',
      title: 'day 1',
      publishedOn: '2026-01-01',
      updatedAt: '2026-01-01T08:00:00.000Z',
      image: 'https://cdn.example.com/7.png',
      tags: ['a', 'b'],
      comments: [],
      author: { name: 'Ann', followers: 3 },
    },
  },
}

function actual(body: unknown, contentType = 'application/json') {
  return { status: 200, headers: { 'content-type': contentType }, body: JSON.stringify(body) }
}

const tomorrow = {
  id: 8,
  uuid: '9a7b330a-a736-41e5-98c7-4e1c2e5c1a3b',
  title: 'day 2',
  publishedOn: '2026-01-02',
  updatedAt: '2026-01-02T09:30:00Z',
  image: 'https://cdn.example.com/8.png',
  tags: ['c'],
  comments: [{ id: 1 }],
  author: { name: 'Bob', followers: 30 },
}

describe('generaliseResponse', () => {
  const general = generaliseResponse(recorded)

  it('writes type matching from the root, min 1 for non-empty arrays, shape rules, and a media-type rule', () => {
    expect(general.matchingRules?.body).toMatchObject({
      $: { matchers: [{ match: 'type' }] },
      '$.tags': { matchers: [{ match: 'type', min: 1 }] },
      '$.uuid': { matchers: [{ match: 'regex' }] },
      '$.publishedOn': { matchers: [{ match: 'date', format: 'yyyy-MM-dd' }] },
      '$.updatedAt': { matchers: [{ match: 'regex' }] },
      '$.image': { matchers: [{ match: 'regex' }] },
    })
    expect(general.matchingRules?.body?.['$.comments']).toBeUndefined()
    expect(general.matchingRules?.header?.['Content-Type']).toEqual({
      combine: 'AND',
      matchers: [{ match: 'regex', regex: '^application/json(\\s*;.*)?$' }],
    })
    expect(recorded.matchingRules).toBeUndefined()
  })

  it("matches the next day's data with new ids, counts, timestamps and parameters", () => {
    expect(matchResponse(general, actual(tomorrow, 'application/json;charset=UTF-8'))).toEqual([])
  })

  it('fails on a real type change, an emptied array, a broken shape or another media type', () => {
    const paths = (body: unknown, type?: string) =>
      matchResponse(general, actual(body, type)).map((m) => m.path)
    expect(paths({ ...tomorrow, id: '8' })).toEqual(['$.id'])
    expect(paths({ ...tomorrow, tags: [] })).toEqual(['$.tags'])
    expect(paths({ ...tomorrow, uuid: 'not-a-uuid' })).toEqual(['$.uuid'])
    expect(paths({ ...tomorrow, updatedAt: 'yesterday' })).toEqual(['$.updatedAt'])
    expect(paths(tomorrow, 'text/html')).toContain('Content-Type')
  })

  it('makes a non-empty root array keep at least one item', () => {
    const list = generaliseResponse({
      status: 200,
      body: { contentType: 'application/json', content: [{ id: 1 }] },
    })
    expect(list.matchingRules?.body?.$).toEqual({
      combine: 'AND',
      matchers: [{ match: 'type', min: 1 }],
    })
    expect(matchResponse(list, actual([{ id: 2 }, { id: 3 }]))).toEqual([])
    expect(matchResponse(list, actual([])).map((m) => m.path)).toEqual(['$'])
  })

  it('gives no shape rule where items of one array disagree', () => {
    const mixed = generaliseResponse({
      status: 200,
      body: { contentType: 'application/json', content: [{ at: '2026-01-01' }, { at: 'never' }] },
    })
    expect(mixed.matchingRules?.body?.['$[*].at']).toBeUndefined()
  })
})
