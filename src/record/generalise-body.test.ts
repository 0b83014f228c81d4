import { describe, expect, it } from 'vitest'
import { matchJsonBody } from '../../test/support/match-json-body.js'
import type { HttpResponse } from '../model/index.js'
import { generaliseBody } from './generalise-body.js'
import { generaliseResponse } from './generalise-response.js'

const json = (content: unknown): HttpResponse => ({
  status: 200,
  headers: { 'Content-Type': ['application/json'] },
  body: { contentType: 'application/json', content },
})

describe('generaliseBody', () => {
  it('makes a field seen null in one list item and a value in another nullable, with a value as its example', () => {
    const body = [
      { id: 1, next: null, coupon: null },
      { id: 2, next: 'https://api.example.com/p/2', coupon: { code: 'A', off: 5 } },
    ]
    const general = generaliseBody(body)
    expect(general.nullable.sort()).toEqual(['$[*].coupon', '$[*].next'])
    expect(general.rules['$[*].coupon']).toEqual([{ match: 'type' }, { match: 'null' }])
    // The null is replaced by a value seen there, so the type has an example to match against.
    expect(general.example).toEqual([
      { id: 1, next: 'https://api.example.com/p/2', coupon: { code: 'A', off: 5 } },
      body[1],
    ])
    expect(body[0]!.next).toBeNull()
  })

  it('leaves out keys absent from some items (optional) and keys only ever null (no type known)', () => {
    const general = generaliseBody({
      items: [
        { id: 1, note: 'a', gone: null },
        { id: 2, gone: null },
      ],
    })
    expect(general.dropped.sort()).toEqual(['$.items[*].gone', '$.items[*].note'])
    expect(general.example).toEqual({ items: [{ id: 1 }, { id: 2 }] })
  })

  it('leaves out a field seen with two types, as an id in one item and the object it names in another', () => {
    const general = generaliseBody({
      data: [
        { id: 1, customer: 'cus_1' },
        { id: 2, customer: { id: 'cus_2', email: 'a@example.com' } },
      ],
    })
    expect(general.dropped).toEqual(['$.data[*].customer'])
    expect(general.example).toEqual({ data: [{ id: 1 }, { id: 2 }] })
    expect(general.rules['$.data[*].customer.id']).toBeUndefined()
  })

  it('takes the evidence of an earlier recording of the same request', () => {
    const first = generaliseBody({ next: '/p/2', total: 3, extra: 'x', gone: null })
    expect(first.dropped).toEqual(['$.gone'])
    const again = generaliseBody({ next: null, total: 4, gone: 'now a value' }, [
      { example: first.example, nullable: first.nullable },
    ])
    expect(again.nullable).toEqual(['$.next'])
    // Absent from one recording: optional, so `extra` stays out and `gone` (only ever null
    // before, so left out then) is left out now.
    expect(again.dropped).toEqual(['$.gone'])
    expect(again.example).toEqual({ next: '/p/2', total: 4 })
    // Nullable stays nullable when the next recording has a value: the rules remember the null.
    const third = generaliseBody({ next: '/p/9', total: 5 }, [
      { example: again.example, nullable: again.nullable },
    ])
    expect(third.nullable).toEqual(['$.next'])
  })
})

describe('generaliseResponse with evidence', () => {
  const recorded = generaliseResponse(
    json({
      data: [
        { id: 'a', next: null, coupon: null, tags: [] },
        { id: 'b', next: 'x', coupon: { code: 'A' }, tags: ['t'], note: 'n' },
      ],
    }),
  )

  it('accepts nulls and values on nullable fields, absent optional keys and empty lists seen empty', () => {
    expect(
      matchJsonBody(recorded, {
        data: [
          { id: 'c', next: 'y', coupon: { code: 'B' }, tags: ['u'] },
          { id: 'd', next: null, coupon: null, tags: [], note: 'm' },
        ],
      }),
    ).toEqual([])
  })

  it('still fails a type change, in a nullable field and below it', () => {
    expect(
      matchJsonBody(recorded, {
        data: [{ id: 1, next: 5, coupon: { code: null }, tags: [] }],
      }),
    ).toEqual([
      '$.data[0].id: expected a string (like "a"), got the number 1',
      '$.data[0].next: expected a string (like "x") or null, got the number 5',
      '$.data[0].coupon.code: expected a string (like "A"), got null',
    ])
  })

  it('merges an earlier recording of the same request into the rules', () => {
    const first = generaliseResponse(json({ page: { next: null }, n: 1 }))
    const again = generaliseResponse(json({ page: { next: '/p/2' }, n: 2 }), { earlier: first })
    expect(matchJsonBody(again, { page: { next: null }, n: 3 })).toEqual([])
    expect(matchJsonBody(again, { page: { next: '/p/3' }, n: 3 })).toEqual([])
    expect(matchJsonBody(first, { page: { next: '/p/3' }, n: 3 })).toEqual([])
  })
})
