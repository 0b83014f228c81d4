import { fileURLToPath } from 'node:url'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readDocument } from './support/bench-documents.js'
import { startSpecUpstream, type SpecUpstream } from './support/spec-upstream.js'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))

function createValidator() {
  const ajv = new Ajv2020.default({ strict: false, allErrors: false, validateFormats: true })
  addFormats.default(ajv)
  return ajv
}

/** Every value found at `path` (`[*]` for each item, `.key` for a key) in the answers, `undefined` where absent. */
function valuesAt(answers: unknown[], path: string): unknown[] {
  let values: unknown[] = answers
  for (const step of path.match(/\[\*\]|\.[^.[]+/g) ?? []) {
    values =
      step === '[*]'
        ? values.flatMap((v) => (Array.isArray(v) ? v : []))
        : values
            .filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
            .map((v) => v[step.slice(1)])
  }
  return values
}

describe('the spec-driven random-data upstream', () => {
  let upstream: SpecUpstream
  const answers: unknown[] = []

  beforeAll(async () => {
    upstream = await startSpecUpstream({
      document: readDocument(fixture('shop.openapi.yaml')),
      operations: [
        { method: 'GET', path: '/orders' },
        { method: 'GET', path: '/orders/{id}' },
      ],
    })
    for (let i = 0; i < 40; i++)
      answers.push(await (await fetch(`${upstream.origin}/orders`)).json())
  })
  afterAll(() => upstream.close())

  it('answers every request with data valid against the documented response schema', async () => {
    const validate = createValidator().compile(
      upstream.schemaFor({ method: 'GET', path: '/orders' }),
    )
    for (const answer of answers)
      expect(validate(answer), JSON.stringify(validate.errors)).toBe(true)
    const one = await fetch(`${upstream.origin}/orders/ord_1`)
    expect(one.status).toBe(200)
    const validateOne = createValidator().compile(
      upstream.schemaFor({ method: 'GET', path: '/orders/{id}' }),
    )
    expect(validateOne(await one.json())).toBe(true)
  })

  it('answers differently each time: nulls and values, absent and present keys, empty and full lists, varying map keys and enum values', () => {
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(answers.length)
    const orders = valuesAt(answers, '.data[*]')
    const notes = valuesAt(orders, '.note')
    expect(notes).toContain(null)
    expect(notes.some((n) => typeof n === 'string')).toBe(true)
    const coupons = valuesAt(orders, '.coupon')
    expect(coupons).toContain(null)
    expect(coupons.some((c) => typeof c === 'object' && c !== null)).toBe(true)
    expect(valuesAt(orders, '.customer')).toContain(undefined)
    expect(valuesAt(orders, '.customer').some((c) => c !== undefined)).toBe(true)
    expect(valuesAt(answers, '.data').some((d) => Array.isArray(d) && d.length === 0)).toBe(true)
    const tags = valuesAt(orders, '.tags') as unknown[][]
    expect(tags.some((t) => t.length === 0)).toBe(true)
    expect(tags.some((t) => t.length > 0)).toBe(true)
    expect(valuesAt(orders, '.lines').every((l) => Array.isArray(l) && l.length >= 1)).toBe(true)
    const maps = valuesAt(orders, '.metadata') as Record<string, string>[]
    expect(maps.some((m) => Object.keys(m).length === 0)).toBe(true)
    expect(new Set(maps.flatMap((m) => Object.keys(m))).size).toBeGreaterThan(3)
    expect(new Set(valuesAt(orders, '.status')).size).toBeGreaterThan(2)
    expect(new Set(valuesAt(answers, '.next_page_uri').map((v) => v === null)).size).toBe(2)
  })

  it('serves its document at /openapi.json and switches to another one', async () => {
    const served = (await (await fetch(upstream.specUrl)).json()) as { info: { title: string } }
    expect(served.info.title).toBe('Shop')
    upstream.use(readDocument(fixture('library.openapi.json')), [{ method: 'GET', path: '/books' }])
    expect((await fetch(`${upstream.origin}/orders`)).status).toBe(404)
    const books = await (await fetch(`${upstream.origin}/books`)).json()
    expect(Array.isArray(books)).toBe(true)
    const switched = (await (await fetch(upstream.specUrl)).json()) as { info: { title: string } }
    expect(switched.info.title).toBe('Library')
  })
})
