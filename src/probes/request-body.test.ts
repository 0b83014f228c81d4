import { expect, it } from 'vitest'
import { isJsonMediaType, serialiseBody } from './request-body.js'

it('re-serialises JSON content, a JSON string included', () => {
  expect(serialiseBody({ contentType: 'application/json', content: { a: [1, null] } })).toBe(
    '{"a":[1,null]}',
  )
  expect(serialiseBody({ contentType: 'application/json', content: 'text' })).toBe('"text"')
  expect(serialiseBody({ contentType: 'application/json', content: null })).toBe('null')
  expect(serialiseBody({ content: { a: 1 } })).toBe('{"a":1}')
})

it('sends text as is, JSON held as a string as is, and base64 as bytes', () => {
  expect(serialiseBody({ contentType: 'text/plain', content: 'a=1' })).toBe('a=1')
  expect(serialiseBody({ content: 'plain' })).toBe('plain')
  expect(
    serialiseBody({ contentType: 'application/json', content: '{"a":1}', encoded: 'json' }),
  ).toBe('{"a":1}')
  expect(serialiseBody({ contentType: 'image/png', content: 'AAEC', encoded: 'base64' })).toEqual(
    Buffer.from([0, 1, 2]),
  )
})

it('sends no body when none was recorded', () => {
  expect(serialiseBody(undefined)).toBeNull()
})

it('knows JSON media types', () => {
  expect(
    [
      'application/json',
      'application/problem+json; charset=utf-8',
      'application/vnd.api+json',
      'text/json',
    ].map(isJsonMediaType),
  ).toEqual([true, true, true, true])
  expect(['text/plain', 'application/jsonl-ish', undefined].map(isJsonMediaType)).toEqual([
    false,
    false,
    false,
  ])
})
