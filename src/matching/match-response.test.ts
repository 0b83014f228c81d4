import { describe, expect, it } from 'vitest'
import type { HttpResponse } from '../model/index.js'
import { findUnsupportedBody } from './compile-expectation.js'
import { matchResponse } from './match-response.js'

describe('matchResponse', () => {
  it('reports a different status with both codes', () => {
    const mismatches = matchResponse({ status: 200 }, { status: 404 })
    expect(mismatches).toEqual([
      {
        part: 'status',
        path: 'status',
        expected: '200',
        actual: '404',
        rule: 'equality',
        message: 'status: expected 200, got 404',
      },
    ])
  })

  it('accepts any status of a statusCode class and names the class when one is outside it', () => {
    const expected: HttpResponse = {
      status: 200,
      matchingRules: { status: { '': { matchers: [{ match: 'statusCode', status: 'success' }] } } },
    }
    expect(matchResponse(expected, { status: 299 })).toEqual([])
    expect(matchResponse(expected, { status: 400 }).map((m) => m.message)).toEqual([
      'status: expected a success status (200–299), got 400',
    ])
  })

  it('accepts a statusCode list of codes', () => {
    const expected: HttpResponse = {
      status: 200,
      matchingRules: {
        status: { '': { matchers: [{ match: 'statusCode', status: [200, 204] }] } },
      },
    }
    expect(matchResponse(expected, { status: 204 })).toEqual([])
    expect(matchResponse(expected, { status: 201 }).map((m) => m.message)).toEqual([
      'status: expected one of 200, 204, got 201',
    ])
  })

  it('knows every statusCode class', () => {
    const verdict = (status: string, code: number) =>
      matchResponse(
        {
          status: 200,
          matchingRules: { status: { '': { matchers: [{ match: 'statusCode', status }] } } },
        },
        { status: code },
      ).length === 0
    expect([
      verdict('information', 101),
      verdict('redirect', 302),
      verdict('clientError', 404),
      verdict('serverError', 503),
    ]).toEqual([true, true, true, true])
    expect([
      verdict('nonError', 399),
      verdict('nonError', 400),
      verdict('error', 400),
      verdict('error', 302),
    ]).toEqual([true, false, true, false])
  })

  it('finds headers whatever the case of their names and allows extra ones', () => {
    const expected: HttpResponse = { status: 200, headers: { 'X-Trace': ['abc'] } }
    expect(
      matchResponse(expected, { status: 200, headers: { 'x-trace': 'abc', 'x-other': '1' } }),
    ).toEqual([])
    expect(matchResponse(expected, { status: 200, headers: {} }).map((m) => m.message)).toEqual([
      'header X-Trace: expected "abc", but the header is missing',
    ])
  })

  it('compares comma-separated header values in order, ignoring whitespace', () => {
    const expected: HttpResponse = { status: 200, headers: { Accept: ['alligators,hippos'] } }
    expect(
      matchResponse(expected, { status: 200, headers: { accept: 'alligators, hippos' } }),
    ).toEqual([])
    expect(
      matchResponse(expected, { status: 200, headers: { accept: 'hippos, alligators' } }),
    ).toHaveLength(1)
  })

  it('compares content types by type and parameters, charset in any case, extra parameters allowed', () => {
    const expected: HttpResponse = {
      status: 200,
      headers: { 'Content-Type': ['application/json;charset=utf-8'] },
    }
    expect(
      matchResponse(expected, {
        status: 200,
        headers: { 'content-type': 'application/json; charset=UTF-8; v=1' },
      }),
    ).toEqual([])
    expect(
      matchResponse(expected, { status: 200, headers: { 'content-type': 'application/json' } }),
    ).toHaveLength(1)
    expect(
      matchResponse(expected, {
        status: 200,
        headers: { 'content-type': 'application/json; charset=UTF-16' },
      }),
    ).toHaveLength(1)
  })

  it('applies a header rule to the value as received', () => {
    const expected: HttpResponse = {
      status: 200,
      headers: { 'X-Id': ['12'] },
      matchingRules: { header: { 'x-id': { matchers: [{ match: 'regex', regex: '\\d+' }] } } },
    }
    expect(matchResponse(expected, { status: 200, headers: { 'X-ID': '345' } })).toEqual([])
    expect(
      matchResponse(expected, { status: 200, headers: { 'X-ID': 'abc' } }).map((m) => m.message),
    ).toEqual(['header X-Id: expected a value matching /\\d+/, got the string "abc"'])
  })

  it('reads the message a person sees for a type change', () => {
    const expected: HttpResponse = {
      status: 200,
      body: { contentType: 'application/json', content: { id: 1 } },
      matchingRules: { body: { '$.id': { matchers: [{ match: 'type' }] } } },
    }
    const [mismatch] = matchResponse(expected, {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"id":"1"}',
    })
    expect(mismatch).toEqual({
      part: 'body',
      path: '$.id',
      expected: 'number',
      actual: 'string',
      rule: 'type',
      message: '$.id: expected a number (like 1), got the string "1"',
    })
  })

  it('reports a body that is not JSON, a missing body, and a body of another media type', () => {
    const expected: HttpResponse = {
      status: 200,
      body: { contentType: 'application/json', content: { a: 1 } },
    }
    const run = (body: string | undefined, type = 'application/json') =>
      matchResponse(expected, { status: 200, headers: { 'content-type': type }, body }).map(
        (m) => m.message,
      )
    expect(run('{"a":')[0]).toMatch(/^\$: expected a JSON body, got text that is not JSON/)
    expect(run(undefined)).toEqual(['$: expected a body like {"a":1}, got no body'])
    expect(run('{"a":1}', 'text/html')).toEqual([
      '$: expected a body of type application/json, got text/html',
    ])
  })

  it('treats a vendor JSON media type as JSON', () => {
    const expected: HttpResponse = {
      status: 200,
      body: { contentType: 'application/vnd.api+json', content: { a: 1 } },
    }
    expect(
      matchResponse(expected, {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{"a":1}',
      }),
    ).toEqual([])
  })

  it('matches an expected null body only against an empty one', () => {
    const expected: HttpResponse = { status: 204, body: { content: null } }
    expect(matchResponse(expected, { status: 204 })).toEqual([])
    expect(matchResponse(expected, { status: 204, body: '' })).toEqual([])
    expect(matchResponse(expected, { status: 204, body: '{"a":1}' }).map((m) => m.message)).toEqual(
      ['$: expected an empty body, got "{\\"a\\":1}"'],
    )
  })

  it('accepts any body when none was recorded', () => {
    expect(matchResponse({ status: 200 }, { status: 200, body: 'anything' })).toEqual([])
  })

  it('compares text bodies as text, or by a rule at $', () => {
    const plain: HttpResponse = {
      status: 200,
      body: { contentType: 'text/plain', content: 'alligator named mary' },
    }
    expect(
      matchResponse(plain, {
        status: 200,
        headers: { 'content-type': 'text/plain' },
        body: 'alligator named fred',
      }),
    ).toHaveLength(1)
    const ruled: HttpResponse = {
      ...plain,
      matchingRules: {
        body: { $: { matchers: [{ match: 'regex', regex: 'alligator named .{4}' }] } },
      },
    }
    expect(
      matchResponse(ruled, {
        status: 200,
        headers: { 'content-type': 'text/plain' },
        body: 'alligator named fred',
      }),
    ).toEqual([])
    expect(
      matchResponse(ruled, {
        status: 200,
        headers: { 'content-type': 'text/plain' },
        body: 'alligator named brent',
      }),
    ).toHaveLength(1)
  })

  it('says XML bodies are not matched yet, so callers can skip them', () => {
    const xml: HttpResponse = {
      status: 200,
      body: { contentType: 'application/xml', content: '<a/>' },
    }
    expect(findUnsupportedBody(xml)).toMatch(/XML/)
    expect(
      findUnsupportedBody({ status: 200, body: { contentType: 'application/json', content: {} } }),
    ).toBeUndefined()
  })
})
