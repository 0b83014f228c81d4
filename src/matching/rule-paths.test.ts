import { describe, expect, it } from 'vitest'
import { matchJsonBody } from '../../test/support/match-json-body.js'
import type { HttpResponse, MatchingRule } from '../model/index.js'

function expectJson(content: unknown, rules: Record<string, MatchingRule>): HttpResponse {
  return {
    status: 200,
    body: { contentType: 'application/json', content },
    matchingRules: {
      body: Object.fromEntries(
        Object.entries(rules).map(([path, rule]) => [path, { matchers: [rule] }]),
      ),
    },
  }
}

describe('rule paths', () => {
  it('cascades a rule to every node below its path', () => {
    const expected = expectJson({ a: { b: { c: 'x' }, d: [1] } }, { '$.a': { match: 'type' } })
    expect(matchJsonBody(expected, { a: { b: { c: 'y' }, d: [2, 3] } })).toEqual([])
    expect(matchJsonBody(expected, { a: { b: { c: 1 }, d: [2] } })).toEqual([
      '$.a.b.c: expected a string (like "x"), got the number 1',
    ])
  })

  it('lets $.a.* and $.a[*] govern the children of a', () => {
    const expected = expectJson(
      { a: { x: 'p' }, b: ['q'] },
      { '$.a.*': { match: 'type' }, '$.b[*]': { match: 'regex', regex: '[a-z]' } },
    )
    expect(matchJsonBody(expected, { a: { x: 'other' }, b: ['z'] })).toEqual([])
    expect(matchJsonBody(expected, { a: { x: 'other' }, b: ['zz'] })).toEqual([
      '$.b[0]: expected a value matching /[a-z]/, got the string "zz"',
    ])
  })

  it('prefers the most specific path: a named key beats a wildcard', () => {
    const expected = expectJson(
      { a: { b: 'x', c: 'y' } },
      { '$.a.*': { match: 'type' }, '$.a.b': { match: 'equality' } },
    )
    expect(matchJsonBody(expected, { a: { b: 'x', c: 'other' } })).toEqual([])
    expect(matchJsonBody(expected, { a: { b: 'other', c: 'other' } })).toEqual([
      '$.a.b: expected "x", got "other"',
    ])
  })

  it('prefers the longer path when weights tie', () => {
    const expected = expectJson(
      { a: { b: 1 } },
      { '$.a': { match: 'equality' }, '$.a.*': { match: 'type' } },
    )
    expect(matchJsonBody(expected, { a: { b: 2 } })).toEqual([])
  })

  it('reads bracket notation, quoted names with spaces and indexes', () => {
    const expected = expectJson(
      { 'a b': 'x', list: ['p', 'q'] },
      { "$['a b']": { match: 'type' }, '$.list[1]': { match: 'type' } },
    )
    expect(matchJsonBody(expected, { 'a b': 'other', list: ['p', 'other'] })).toEqual([])
    expect(matchJsonBody(expected, { 'a b': 'other', list: ['other', 'q'] })).toEqual([
      '$.list[0]: expected "p", got "other"',
    ])
  })

  it('lets $..name reach that key at any depth', () => {
    const expected = expectJson({ a: { id: 1, b: { id: 2 } } }, { '$..id': { match: 'integer' } })
    expect(matchJsonBody(expected, { a: { id: 10, b: { id: 20 } } })).toEqual([])
    expect(matchJsonBody(expected, { a: { id: 10, b: { id: 'x' } } })).toEqual([
      '$.a.b.id: expected an integer, got the string "x"',
    ])
  })

  it('applies min to the array it names, not to arrays it cascades to', () => {
    const expected = expectJson({ a: [{ ids: [1, 2] }] }, { '$.a': { match: 'type', min: 2 } })
    expect(matchJsonBody(expected, { a: [{ ids: [1] }, { ids: [3] }] })).toEqual([])
    expect(matchJsonBody(expected, { a: [{ ids: [1] }] })).toEqual([
      '$.a: expected an array of at least 2 items, got 1 item',
    ])
  })
})

describe('keys', () => {
  it('allows extra keys in a response object and reports a missing one', () => {
    const expected = expectJson({ a: 1, b: 2 }, {})
    expect(matchJsonBody(expected, { a: 1, b: 2, c: 3 })).toEqual([])
    expect(matchJsonBody(expected, { a: 1 })).toEqual([
      '$.b: expected a number (like 2), but the key is missing',
    ])
  })

  it('compares arrays without rules item by item, length included', () => {
    const expected = expectJson({ a: ['red', 'blue'] }, {})
    expect(matchJsonBody(expected, { a: ['blue', 'red'] })).toEqual([
      '$.a[0]: expected "red", got "blue"',
      '$.a[1]: expected "blue", got "red"',
    ])
    expect(matchJsonBody(expected, { a: ['red'] })).toEqual([
      '$.a: expected an array of 2 items, got 1 item',
    ])
  })
})
