import { expect, it } from 'vitest'
import { encodePath, encodeQuery, joinPath } from './url-parts.js'

it.each([
  ['/api/v1', '/posts/1', '/api/v1/posts/1'],
  ['/api/v1/', '/posts/1', '/api/v1/posts/1'],
  ['/api/v1/', 'posts/1', '/api/v1/posts/1'],
  ['/', '/posts', '/posts'],
  ['', 'posts', '/posts'],
  ['/api', '', '/api/'],
])('joins %j and %j as %j', (prefix, path, joined) => {
  expect(joinPath(prefix, path)).toBe(joined)
})

it('leaves a clean path alone and escapes the rest once', () => {
  expect(encodePath('/posts/1;v=2:x@y')).toBe('/posts/1;v=2:x@y')
  expect(encodePath('/a b/%41/%zz/#?')).toBe('/a%20b/%41/%25zz/%23%3F')
  expect(encodePath('/\u{1F600}/\uD800')).toBe('/%F0%9F%98%80/%EF%BF%BD')
})

it('encodes a query in order with repeated and bare names', () => {
  expect(encodeQuery({ q: ['a b'], tag: ['x', 'y'], flag: [], 'a&b': ['='] })).toBe(
    'q=a%20b&tag=x&tag=y&flag&a%26b=%3D',
  )
  expect(encodeQuery(undefined)).toBe('')
  expect(encodeQuery({})).toBe('')
})
