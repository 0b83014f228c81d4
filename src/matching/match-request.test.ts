import { describe, expect, it } from 'vitest'
import type { HttpRequest } from '../model/index.js'
import { matchRequest } from './match-request.js'

const get: HttpRequest = { method: 'GET', path: '/posts', query: { page: ['1'], tag: ['a', 'b'] } }

describe('matchRequest', () => {
  it('compares methods in any case', () => {
    expect(
      matchRequest(get, { method: 'get', path: '/posts', query: 'page=1&tag=a&tag=b' }),
    ).toEqual([])
    expect(
      matchRequest(get, { method: 'POST', path: '/posts', query: 'page=1&tag=a&tag=b' }).map(
        (m) => m.message,
      ),
    ).toEqual(['method: expected GET, got POST'])
  })

  it('compares paths exactly, trailing slash included, unless a path rule says otherwise', () => {
    expect(
      matchRequest(get, { method: 'GET', path: '/posts/', query: 'page=1&tag=a&tag=b' }).map(
        (m) => m.message,
      ),
    ).toEqual(['path: expected "/posts", got "/posts/"'])
    const ruled: HttpRequest = {
      method: 'GET',
      path: '/posts/1',
      matchingRules: { path: { '': { matchers: [{ match: 'regex', regex: '/posts/\\d+' }] } } },
    }
    expect(matchRequest(ruled, { method: 'GET', path: '/posts/42' })).toEqual([])
  })

  it('compares query values in order and reports missing and unexpected parameters', () => {
    expect(
      matchRequest(get, { method: 'GET', path: '/posts', query: { tag: ['a', 'b'], page: '1' } }),
    ).toEqual([])
    const messages = matchRequest(get, {
      method: 'GET',
      path: '/posts',
      query: 'tag=b&tag=a&sort=new',
    }).map((m) => m.message)
    expect(messages).toEqual([
      'query parameter page: expected "1", but the parameter is missing',
      'query parameter tag: expected ["a","b"], got ["b","a"]',
      'query parameter sort: unexpected parameter with "new" (the interaction does not have it)',
    ])
  })

  it('coerces query and header text for number-like rules', () => {
    const ruled: HttpRequest = {
      method: 'GET',
      path: '/',
      query: { a: ['1234'] },
      headers: { 'X-A': ['1234'] },
      matchingRules: {
        query: { a: { matchers: [{ match: 'integer' }] } },
        header: { 'X-A': { matchers: [{ match: 'number' }] } },
      },
    }
    expect(
      matchRequest(ruled, {
        method: 'GET',
        path: '/',
        query: 'a=100',
        headers: { 'x-a': '100.4' },
      }),
    ).toEqual([])
    expect(
      matchRequest(ruled, { method: 'GET', path: '/', query: 'a=1.5', headers: { 'x-a': 'abc' } }),
    ).toHaveLength(2)
  })

  it('does not let a JSON request body carry keys the interaction does not have', () => {
    const post: HttpRequest = {
      method: 'POST',
      path: '/',
      headers: { 'Content-Type': ['application/json'] },
      body: { contentType: 'application/json', content: { name: 'x' } },
    }
    const run = (body: unknown) =>
      matchRequest(post, {
        method: 'POST',
        path: '/',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).map((m) => m.message)
    expect(run({ name: 'x' })).toEqual([])
    expect(run({ name: 'x', phone: null })).toEqual([
      '$.phone: unexpected key with null (the interaction does not have it)',
    ])
  })
})
