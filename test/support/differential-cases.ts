/**
 * Interactions for the differential check against Pact's own verifier. Each case is one
 * V4 interaction plus two bodies an upstream may serve: one that should conform to the
 * recorded rules and one that drifts. The verdicts are not asserted here: the test asserts
 * that upcheck and Pact's verifier agree, whatever they decide.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type Rule = Record<string, unknown>

export interface DifferentialCase {
  name: string
  status?: number
  contentType?: string
  body: Json | string
  /** V4 body rules, by path expression. */
  rules?: Record<string, { matchers: Rule[]; combine?: 'AND' | 'OR' }>
  headerRules?: Record<string, { matchers: Rule[] }>
  statusRule?: Rule
  headers?: Record<string, string>
  /** What the upstream serves in each round: [conforming, drifted]. */
  served: [Served, Served]
}

export interface Served {
  status?: number
  contentType?: string
  headers?: Record<string, string>
  body: Json | string
}

const one = (...matchers: Rule[]) => ({ matchers })
const b = (body: Json | string): Served => ({ body })

export const differentialCases: DifferentialCase[] = [
  {
    name: 'type on a number',
    body: { id: 1 },
    rules: { '$.id': one({ match: 'type' }) },
    served: [b({ id: 42 }), b({ id: '42' })],
  },
  {
    name: 'type cascading from the root',
    body: { name: 'a', count: 1, tags: ['x'] },
    rules: { $: one({ match: 'type' }) },
    served: [
      b({ name: 'zz', count: 9, tags: ['y', 'z'] }),
      b({ name: 'zz', count: '9', tags: ['y'] }),
    ],
  },
  {
    name: 'regex on a string',
    body: { code: 'ABC' },
    rules: { '$.code': one({ match: 'regex', regex: '^[A-Z]{3}$' }) },
    served: [b({ code: 'XYZ' }), b({ code: 'xyz' })],
  },
  {
    name: 'integer',
    body: { n: 1 },
    rules: { '$.n': one({ match: 'integer' }) },
    served: [b({ n: 7 }), b({ n: 7.5 })],
  },
  {
    name: 'decimal',
    body: { price: 1.5 },
    rules: { '$.price': one({ match: 'decimal' }) },
    served: [b({ price: 9.25 }), b({ price: 'cheap' })],
  },
  {
    name: 'number',
    body: { x: 1 },
    rules: { '$.x': one({ match: 'number' }) },
    served: [b({ x: 3.5 }), b({ x: '3' })],
  },
  {
    name: 'boolean',
    body: { ok: true },
    rules: { '$.ok': one({ match: 'boolean' }) },
    served: [b({ ok: false }), b({ ok: 'true' })],
  },
  {
    name: 'null',
    body: { gone: null },
    rules: { '$.gone': one({ match: 'null' }) },
    served: [b({ gone: null }), b({ gone: 0 })],
  },
  {
    name: 'date with a format',
    body: { d: '2025-01-01' },
    rules: { '$.d': one({ match: 'date', format: 'yyyy-MM-dd' }) },
    served: [b({ d: '2026-11-30' }), b({ d: '30/11/2026' })],
  },
  {
    name: 'time with a format',
    body: { t: '10:00:00' },
    rules: { '$.t': one({ match: 'time', format: 'HH:mm:ss' }) },
    served: [b({ t: '23:59:01' }), b({ t: '23h59' })],
  },
  {
    name: 'datetime with a format',
    body: { ts: '2025-01-01T10:00:00' },
    rules: { '$.ts': one({ match: 'datetime', format: "yyyy-MM-dd'T'HH:mm:ss" }) },
    served: [b({ ts: '2026-11-25T08:15:42' }), b({ ts: '2026-11-25 08:15' })],
  },
  {
    name: 'include',
    body: { msg: 'hello world' },
    rules: { '$.msg': one({ match: 'include', value: 'hello' }) },
    served: [b({ msg: 'say hello there' }), b({ msg: 'goodbye' })],
  },
  {
    name: 'equality below a type rule',
    body: { kind: 'post', id: 1 },
    rules: { $: one({ match: 'type' }), '$.kind': one({ match: 'equality' }) },
    served: [b({ kind: 'post', id: 2 }), b({ kind: 'page', id: 2 })],
  },
  {
    name: 'type with min',
    body: { items: [1, 2] },
    rules: { '$.items': one({ match: 'type', min: 2 }) },
    served: [b({ items: [5, 6, 7] }), b({ items: [5] })],
  },
  {
    name: 'type with max',
    body: { items: [1] },
    rules: { '$.items': one({ match: 'type', max: 2 }) },
    served: [b({ items: [3, 4] }), b({ items: [3, 4, 5] })],
  },
  {
    name: 'type with min and max on objects in an array',
    body: { rows: [{ id: 1, name: 'a' }] },
    rules: { '$.rows': one({ match: 'type', min: 1, max: 3 }) },
    served: [
      b({
        rows: [
          { id: 2, name: 'b' },
          { id: 3, name: 'c' },
        ],
      }),
      b({
        rows: [
          { id: 2, name: 'b' },
          { id: '3', name: 'c' },
        ],
      }),
    ],
  },
  {
    name: 'values ignores keys',
    body: { dict: { a: 'x' } },
    rules: { '$.dict': one({ match: 'values' }) },
    served: [b({ dict: { a: 'x', b: 'x', c: 'x' } }), b({ dict: { a: 'x', b: 'y' } })],
  },
  {
    name: 'eachKey with a regex',
    body: { dict: { abc: 1 } },
    rules: {
      '$.dict': one({
        match: 'eachKey',
        rules: [{ match: 'regex', regex: '^[a-z]+$' }],
        value: { abc: 1 },
      }),
    },
    served: [b({ dict: { abc: 1, def: 1 } }), b({ dict: { ABC: 1 } })],
  },
  {
    name: 'eachValue with a type',
    body: { dict: { a: 'x' } },
    rules: { '$.dict': one({ match: 'eachValue', rules: [{ match: 'type' }], value: { a: 'x' } }) },
    served: [b({ dict: { a: 'p', b: 'q' } }), b({ dict: { a: 'p', b: 2 } })],
  },
  {
    name: 'notEmpty on an array',
    body: { list: ['a'] },
    rules: { '$.list': one({ match: 'notEmpty' }) },
    served: [b({ list: ['b', 'c'] }), b({ list: [] })],
  },
  {
    name: 'notEmpty on a string',
    body: { s: 'a' },
    rules: { '$.s': one({ match: 'notEmpty' }) },
    served: [b({ s: 'zzz' }), b({ s: '' })],
  },
  {
    name: 'semver',
    body: { version: '1.0.0' },
    rules: { '$.version': one({ match: 'semver' }) },
    served: [b({ version: '2.10.3' }), b({ version: '2.10' })],
  },
  {
    name: 'arrayContains',
    body: { events: [{ type: 'created' }] },
    rules: {
      '$.events': one({
        match: 'arrayContains',
        variants: [{ index: 0, rules: { '$.type': { matchers: [{ match: 'equality' }] } } }],
      }),
    },
    served: [
      b({ events: [{ type: 'updated' }, { type: 'created' }] }),
      b({ events: [{ type: 'updated' }] }),
    ],
  },
  {
    name: 'statusCode success',
    status: 200,
    body: { ok: true },
    statusRule: { match: 'statusCode', status: 'success' },
    served: [
      { status: 201, body: { ok: true } },
      { status: 404, body: { ok: true } },
    ],
  },
  {
    name: 'regex on a response header',
    body: { ok: true },
    headers: { 'X-Request-Id': 'abc-123' },
    headerRules: { 'X-Request-Id': one({ match: 'regex', regex: '^[a-z]+-\\d+$' }) },
    served: [
      { headers: { 'X-Request-Id': 'xyz-9' }, body: { ok: true } },
      { headers: { 'X-Request-Id': '!!!' }, body: { ok: true } },
    ],
  },
  {
    name: 'extra keys in the actual body',
    body: { id: 1 },
    served: [b({ id: 1, extra: 'fine' }), b({ extra: 'no id' })],
  },
  {
    name: 'nested objects without rules',
    body: { a: { b: [1, 2] } },
    served: [b({ a: { b: [1, 2] } }), b({ a: { b: [2, 1] } })],
  },
  {
    name: 'integer on every element of an array',
    body: { rows: [{ id: 1 }] },
    rules: { '$.rows': one({ match: 'type', min: 1 }), '$.rows[*].id': one({ match: 'integer' }) },
    served: [b({ rows: [{ id: 4 }, { id: 5 }] }), b({ rows: [{ id: 4 }, { id: 'x' }] })],
  },
  {
    name: 'two rules combined with OR',
    body: { id: 1 },
    rules: {
      '$.id': {
        matchers: [{ match: 'integer' }, { match: 'regex', regex: '^\\d+$' }],
        combine: 'OR',
      },
    },
    served: [b({ id: '12' }), b({ id: 'ab' })],
  },
  {
    name: 'two rules combined with AND',
    body: { id: 'a1' },
    rules: {
      '$.id': {
        matchers: [{ match: 'type' }, { match: 'regex', regex: '^[a-z]\\d$' }],
        combine: 'AND',
      },
    },
    served: [b({ id: 'b2' }), b({ id: 'bb2' })],
  },
  {
    name: 'type on an array at the top level',
    body: [{ id: 1 }],
    rules: { $: one({ match: 'type', min: 1 }) },
    served: [b([{ id: 5 }, { id: 6 }]), b([{ id: '5' }])],
  },
  {
    name: 'plain text equality',
    contentType: 'text/plain',
    body: 'pong',
    served: [
      { contentType: 'text/plain', body: 'pong' },
      { contentType: 'text/plain', body: 'ping' },
    ],
  },
  {
    name: 'regex on a text body',
    contentType: 'text/plain',
    body: 'ok 1',
    rules: { $: one({ match: 'regex', regex: '^ok \\d+$' }) },
    served: [
      { contentType: 'text/plain', body: 'ok 123' },
      { contentType: 'text/plain', body: 'error' },
    ],
  },
  {
    name: 'type on nested arrays',
    body: { matrix: [[1, 2]] },
    rules: {
      '$.matrix': one({ match: 'type', min: 1 }),
      '$.matrix[*]': one({ match: 'type', min: 1 }),
    },
    served: [b({ matrix: [[3], [4, 5]] }), b({ matrix: [[3], []] })],
  },
  {
    name: 'boolean on each value with a wildcard',
    body: { flags: { a: true } },
    rules: { '$.flags.*': one({ match: 'boolean' }) },
    served: [b({ flags: { a: false } }), b({ flags: { a: 'no' } })],
  },
  {
    name: 'regex on a number',
    body: { zip: 12345 },
    rules: { '$.zip': one({ match: 'regex', regex: '^\\d{5}$' }) },
    served: [b({ zip: 54321 }), b({ zip: 123 })],
  },
  {
    name: 'a regex must match the whole value, not a part of it',
    body: { s: 'abc' },
    rules: { '$.s': one({ match: 'regex', regex: 'b' }) },
    served: [b({ s: 'b' }), b({ s: 'xbx' })],
  },
  {
    name: 'a regex on Content-Type must cover its parameters',
    body: { ok: true },
    headerRules: { 'Content-Type': one({ match: 'regex', regex: '^application/json(;.*)?$' }) },
    served: [
      { contentType: 'application/json; charset=utf-8', body: { ok: true } },
      { contentType: 'application/jsonp', body: { ok: true } },
    ],
  },
  { name: 'null without a rule', body: { v: null }, served: [b({ v: null }), b({ v: 'x' })] },
  {
    name: 'content type with a charset',
    contentType: 'application/json',
    body: { a: 1 },
    served: [
      { contentType: 'application/json; charset=utf-8', body: { a: 1 } },
      { contentType: 'text/html', body: '<p>maintenance</p>' },
    ],
  },
]
