import { describe, expect, it } from 'vitest'
import type { HttpResponse, MatchingRule, RuleList } from '../model/index.js'
import { matchResponse } from './match-response.js'

/** An expected JSON response with the given body and body rules. */
function expectJson(
  content: unknown,
  rules: Record<string, RuleList | MatchingRule> = {},
): HttpResponse {
  const body: Record<string, RuleList> = {}
  for (const [path, rule] of Object.entries(rules))
    body[path] = 'matchers' in rule ? (rule as RuleList) : { matchers: [rule as MatchingRule] }
  return {
    status: 200,
    headers: { 'Content-Type': ['application/json'] },
    body: { contentType: 'application/json', encoded: false, content },
    matchingRules: { body },
  }
}

function messages(expected: HttpResponse, body: unknown): string[] {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  return matchResponse(expected, {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: text,
  }).map((m) => m.message)
}

describe('equality', () => {
  it('passes equal values and reports a different one with both values', () => {
    const expected = expectJson({ name: 'Mary' })
    expect(messages(expected, { name: 'Mary' })).toEqual([])
    expect(messages(expected, { name: 'Fred' })).toEqual(['$.name: expected "Mary", got "Fred"'])
  })

  it('resets a cascading type rule below it', () => {
    const expected = expectJson(
      { one: { a: { status: 'OK' } } },
      { '$.one': { match: 'type' }, '$.one.a.status': { match: 'equality' } },
    )
    expect(messages(expected, { one: { a: { status: 'Lovely' } } })).toEqual([
      '$.one.a.status: expected "OK", got "Lovely"',
    ])
  })
})

describe('regex', () => {
  it('requires the whole value to match, not a part of it', () => {
    const expected = expectJson(
      { code: 'AB-1' },
      { '$.code': { match: 'regex', regex: '[A-Z]{2}-\\d' } },
    )
    expect(messages(expected, { code: 'XY-7' })).toEqual([])
    expect(messages(expected, { code: 'XY-77' })).toEqual([
      '$.code: expected a value matching /[A-Z]{2}-\\d/, got the string "XY-77"',
    ])
  })

  it('matches numbers by their written form', () => {
    const expected = expectJson({ n: 12 }, { '$.n': { match: 'regex', regex: '\\d+' } })
    expect(messages(expected, { n: 345 })).toEqual([])
  })
})

describe('type', () => {
  it('reports a string where the example is a number, in words', () => {
    const expected = expectJson({ id: 1 }, { '$.id': { match: 'type' } })
    expect(messages(expected, { id: 2 })).toEqual([])
    expect(messages(expected, { id: '1' })).toEqual([
      '$.id: expected a number (like 1), got the string "1"',
    ])
  })

  it('enforces min and max on arrays, matching every item against the example', () => {
    const expected = expectJson({ ids: [1] }, { '$.ids': { match: 'type', min: 1, max: 3 } })
    expect(messages(expected, { ids: [5, 6, 7] })).toEqual([])
    expect(messages(expected, { ids: [] })).toEqual([
      '$.ids: expected an array of at least 1 item, got 0 items',
    ])
    expect(messages(expected, { ids: [1, 2, 3, 4] })).toEqual([
      '$.ids: expected an array of at most 3 items, got 4 items',
    ])
    expect(messages(expected, { ids: [1, 'x'] })).toEqual([
      '$.ids[1]: expected a number (like 1), got the string "x"',
    ])
  })
})

describe('include', () => {
  it('requires the text to appear in the value', () => {
    const expected = expectJson({ one: 'a' }, { '$.one': { match: 'include', value: 'a' } })
    expect(messages(expected, { one: 'cat' })).toEqual([])
    expect(messages(expected, { one: 'dog' })).toEqual([
      '$.one: expected a value including "a", got the string "dog"',
    ])
  })
})

describe('integer, decimal and number', () => {
  it('integer rejects fractions, strings and numbers written with a decimal point', () => {
    const expected = expectJson({ n: 1 }, { '$.n': { match: 'integer' } })
    expect(messages(expected, '{"n": 100}')).toEqual([])
    expect(messages(expected, '{"n": 100.1}')).toEqual([
      '$.n: expected an integer, got the number 100.1',
    ])
    expect(messages(expected, '{"n": "100"}')).toEqual([
      '$.n: expected an integer, got the string "100"',
    ])
    expect(messages(expected, '{"n": 10.0}')).toEqual([
      '$.n: expected an integer, got the number 10 written as a decimal',
    ])
  })

  it('counts a number beyond double range (1e999, Infinity to the parser) as a number of its kind, and says so', () => {
    const integer = expectJson({ n: 1 }, { '$.n': { match: 'integer' } })
    expect(messages(integer, '{"n": 1e999}')).toEqual([])
    expect(messages(integer, '{"n": -1e999}')).toEqual([])
    const decimal = expectJson({ n: 1.5 }, { '$.n': { match: 'decimal' } })
    expect(messages(decimal, '{"n": 1e999}')).toEqual([])
    expect(messages(expectJson({ n: 1 }, { '$.n': { match: 'number' } }), '{"n": 1e999}')).toEqual(
      [],
    )
    expect(messages(expectJson({ n: 'a' }, { '$.n': { match: 'type' } }), '{"n": 1e999}')).toEqual([
      '$.n: expected a string (like "a"), got a number beyond double range',
    ])
  })

  it('decimal accepts 10.0 but not 10', () => {
    const expected = expectJson({ n: 1.5 }, { '$.n': { match: 'decimal' } })
    expect(messages(expected, '{"n": 10.0}')).toEqual([])
    expect(messages(expected, '{"n": 2.25}')).toEqual([])
    expect(messages(expected, '{"n": 10}')).toEqual([
      '$.n: expected a decimal number (with digits after the point), got the number 10',
    ])
  })

  it('number accepts integers and fractions but not numeric strings in a body', () => {
    const expected = expectJson({ n: 1 }, { '$.n': { match: 'number' } })
    expect(messages(expected, { n: 100.01 })).toEqual([])
    expect(messages(expected, { n: '100' })).toEqual([
      '$.n: expected a number, got the string "100"',
    ])
  })
})

describe('boolean and null', () => {
  it('boolean accepts true, false and their text, nothing else', () => {
    const expected = expectJson({ b: true }, { '$.b': { match: 'boolean' } })
    expect(messages(expected, { b: false })).toEqual([])
    expect(messages(expected, { b: 'true' })).toEqual([])
    expect(messages(expected, { b: '' })).toEqual(['$.b: expected a boolean, got the string ""'])
  })

  it('null accepts only null', () => {
    const expected = expectJson({ n: null }, { '$.n': { match: 'null' } })
    expect(messages(expected, { n: null })).toEqual([])
    expect(messages(expected, { n: '' })).toEqual(['$.n: expected null, got the string ""'])
  })
})

describe('date, time, datetime and timestamp', () => {
  it('date checks the value against a Java pattern, field ranges included', () => {
    const expected = expectJson(
      { d: '2023-07-19' },
      { '$.d': { match: 'date', format: 'yyyy-MM-dd' } },
    )
    expect(messages(expected, { d: '2024-02-29' })).toEqual([])
    expect(messages(expected, { d: '23/07/19' })).toEqual([
      '$.d: expected a date in the format yyyy-MM-dd, got the string "23/07/19"',
    ])
    expect(messages(expected, { d: '2024-13-01' })).toHaveLength(1)
  })

  it('time and timestamp take their format from the rule, or Pact’s defaults without one', () => {
    const expected = expectJson(
      { t: '10:00', ts: '2020-01-01T00:00:00Z', dt: 'x' },
      {
        '$.t': { match: 'time', format: 'HH:mm' },
        '$.ts': { match: 'timestamp' },
        '$.dt': { match: 'datetime', format: 'dd MMM yyyy HH:mm:ss.SSSXXX' },
      },
    )
    expect(
      messages(expected, {
        t: '23:59',
        ts: '2024-05-01T10:11:12+02:00',
        dt: '01 Feb 2024 10:11:12.123Z',
      }),
    ).toEqual([])
    expect(
      messages(expected, {
        t: '24:00',
        ts: '2024-05-01 10:11:12',
        dt: '01 Foo 2024 10:11:12.123Z',
      }),
    ).toHaveLength(3)
  })

  it('reads Pact-JVM’s spelling with the format under the matcher’s name', () => {
    const expected = expectJson(
      { d: '2023-07-19' },
      { '$.d': { match: 'date', date: 'dd/MM/yyyy' } },
    )
    expect(messages(expected, { d: '19/07/2023' })).toEqual([])
  })
})

describe('contentType', () => {
  it('judges a binary body by its bytes, not by its header', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])
    const pdf = new TextEncoder().encode('%PDF-1.4 …')
    const expected: HttpResponse = {
      status: 200,
      headers: { 'Content-Type': ['application/octet-stream'] },
      body: {
        contentType: 'application/octet-stream',
        encoded: 'base64',
        content: btoa('\x89PNG'),
      },
      matchingRules: { body: { $: { matchers: [{ match: 'contentType', value: 'image/png' }] } } },
    }
    const run = (body: Uint8Array) =>
      matchResponse(expected, {
        status: 200,
        headers: { 'content-type': 'application/octet-stream' },
        body,
      }).map((m) => m.message)
    expect(run(png)).toEqual([])
    expect(run(pdf)).toEqual(['$: expected content of type image/png, got application/pdf'])
  })
})

describe('values', () => {
  it('ignores which keys a map has and matches every value against the example', () => {
    const expected = expectJson(
      { one: 'a', two: 'b' },
      { $: { match: 'values' }, '$.*': { match: 'type' } },
    )
    expect(messages(expected, { three: 'c', four: 'd' })).toEqual([])
    expect(messages(expected, { one: 'x', four: 100 })).toEqual([
      '$.four: expected a string (like "a"), got the number 100',
    ])
  })
})

describe('arrayContains', () => {
  it('requires each variant to match some item, in any order, among others', () => {
    const expected = expectJson(
      {
        actions: [
          { name: 'add', method: 'POST' },
          { name: 'delete', method: 'DELETE' },
        ],
      },
      {
        '$.actions': {
          match: 'arrayContains',
          variants: [
            { index: 0, rules: { '$.name': { matchers: [{ match: 'regex', regex: 'add' }] } } },
            {
              index: 1,
              rules: { '$.method': { matchers: [{ match: 'regex', regex: 'DELETE' }] } },
            },
          ],
        },
      },
    )
    const del = { name: 'delete', method: 'DELETE' }
    expect(
      messages(expected, {
        actions: [{ name: 'update', method: 'PUT' }, del, { name: 'add', method: 'POST' }],
      }),
    ).toEqual([])
    expect(messages(expected, { actions: [{ name: 'add', method: 'POST' }] })).toEqual([
      '$.actions: expected an item like {"name":"delete","method":"DELETE"} (variant 1), but none of the 1 item matched',
    ])
  })
})

describe('eachKey and eachValue', () => {
  it('eachKey applies its rules to every key and lets the map have any keys', () => {
    const expected = expectJson(
      { one: 'a' },
      { $: { match: 'eachKey', rules: [{ match: 'regex', regex: '[a-z]+' }] } },
    )
    expect(messages(expected, { one: 'a', two: 'b' })).toEqual([])
    expect(messages(expected, { one: 'a', 100: 'd' })).toEqual([
      `$['100']: key "100": expected a value matching /[a-z]+/, got the string "100"`,
    ])
  })

  it('eachValue applies its rules to every value, unless a rule for that key is more specific', () => {
    const expected = expectJson(
      { one: 'a' },
      {
        $: { match: 'eachValue', rules: [{ match: 'regex', regex: '[a-z]+' }] },
        '$.id': { match: 'integer' },
      },
    )
    expect(messages(expected, { one: 'a', three: 'c', id: 7 })).toEqual([])
    expect(messages(expected, { one: 'a', four: '100' })).toEqual([
      '$.four: expected a value matching /[a-z]+/, got the string "100"',
    ])
  })
})

describe('notEmpty', () => {
  it('rejects empty strings and arrays, and values of another type', () => {
    const expected = expectJson(
      { one: 'a', two: ['b'] },
      { '$.one': { match: 'notEmpty' }, '$.two': { match: 'notEmpty' } },
    )
    expect(messages(expected, { one: 'cat', two: ['rat'] })).toEqual([])
    expect(messages(expected, { one: '', two: [] })).toEqual([
      '$.one: expected a non-empty string, got the string ""',
      '$.two: expected a non-empty array, got an empty array',
    ])
    expect(messages(expected, { one: 'a', two: 'b' })).toEqual([
      '$.two: expected an array, got the string "b"',
    ])
  })
})

describe('semver', () => {
  it('accepts semantic versions with pre-release and build parts only', () => {
    const expected = expectJson({ v: '1.0.0' }, { '$.v': { match: 'semver' } })
    expect(messages(expected, { v: '2.10.3-beta.1+build.5' })).toEqual([])
    expect(messages(expected, { v: '1.0' })).toEqual([
      '$.v: expected a semantic version (like 1.0.0), got the string "1.0"',
    ])
  })
})

describe('combine', () => {
  it('OR passes when any matcher passes and names all alternatives when none does', () => {
    const expected = expectJson(
      { n: 1 },
      { '$.n': { combine: 'OR', matchers: [{ match: 'null' }, { match: 'integer' }] } },
    )
    expect(messages(expected, { n: null })).toEqual([])
    expect(messages(expected, { n: 'x' })).toEqual([
      '$.n: expected null or an integer, got the string "x"',
    ])
  })

  it('AND reports each matcher that fails', () => {
    const expected = expectJson(
      { s: 'ab' },
      {
        '$.s': {
          combine: 'AND',
          matchers: [
            { match: 'regex', regex: '[a-z]+' },
            { match: 'include', value: 'z' },
          ],
        },
      },
    )
    expect(messages(expected, { s: 'az' })).toEqual([])
    expect(messages(expected, { s: 'AB' })).toEqual([
      '$.s: expected a value matching /[a-z]+/, got the string "AB"',
      '$.s: expected a value including "z", got the string "AB"',
    ])
  })
})
