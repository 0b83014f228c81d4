import { describe, expect, it } from 'vitest'
import { parseFormBody } from './parse-form-body.js'

describe('parseFormBody', () => {
  it('nests bracket keys into objects and lists', () => {
    expect(
      parseFormBody(
        'amount=100&card[number]=4242&card[exp][month]=1&expand[]=customer&expand[]=invoice&items[0][price]=p1',
      ),
    ).toEqual({
      amount: '100',
      card: { number: '4242', exp: { month: '1' } },
      expand: ['customer', 'invoice'],
      items: [{ price: 'p1' }],
    })
  })
})
