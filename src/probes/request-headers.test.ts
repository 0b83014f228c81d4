import { expect, it } from 'vitest'
import { buildRequestHeaders } from './request-headers.js'

it('sends an obsolete line folding as the one space it stands for', () => {
  const headers = buildRequestHeaders(
    { Accept: ['text/plain;\n    q=0.5', 'text/html'], 'X-One': ['a\r\n\tb'] },
    new Map(),
    undefined,
  )

  expect(headers).toEqual({ accept: ['text/plain; q=0.5', 'text/html'], 'x-one': 'a b' })
})
