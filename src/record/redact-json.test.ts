import { describe, expect, it } from 'vitest'
import { redactJson } from './redact-json.js'
import { createRedactionPolicy } from './redaction-policy.js'

const policy = createRedactionPolicy({
  secrets: ['s3cr3t-value-1', 'short', 'abc'],
  redactPaths: ['$.customer.email', '$.cards[*].number'],
})

describe('redactJson', () => {
  it('replaces secret-named fields with a placeholder of the same type and names their rule paths', () => {
    const { value, paths } = redactJson(
      {
        access_token: 'abc',
        expires_in: 3600,
        user: { apiKey: 'k', pin: 1234, password: 7, session: { id: 'x' }, tokens: ['a'] },
        list: [{ client_secret: 'z' }],
      },
      policy,
    )
    expect(value).toEqual({
      access_token: '<redacted>',
      expires_in: 3600,
      user: { apiKey: '<redacted>', pin: 1234, password: 0, session: {}, tokens: [] },
      list: [{ client_secret: '<redacted>' }],
    })
    expect(paths.sort()).toEqual(
      [
        '$.access_token',
        '$.list[*].client_secret',
        '$.user.apiKey',
        '$.user.password',
        '$.user.session',
        '$.user.tokens',
      ].sort(),
    )
  })

  it("blanks the contract's redact paths", () => {
    const { value, paths } = redactJson(
      {
        customer: { email: 'ann@example.com', name: 'Ann' },
        cards: [{ number: 4242, brand: 'visa' }],
      },
      policy,
    )
    expect(value).toEqual({
      customer: { email: '<redacted>', name: 'Ann' },
      cards: [{ number: 0, brand: 'visa' }],
    })
    expect(paths.sort()).toEqual(['$.cards[*].number', '$.customer.email'])
  })

  it('replaces a secret value wherever it stands, whole or embedded, but not values too short to be one', () => {
    const { value, paths } = redactJson(
      {
        echo: 's3cr3t-value-1',
        link: 'https://x.test/?t=s3cr3t-value-1',
        word: 'short',
        note: 'a short note',
        tiny: 'abc',
        prose: 'abc def',
      },
      policy,
    )
    expect(value).toEqual({
      echo: '<redacted>',
      link: 'https://x.test/?t=<redacted>',
      word: '<redacted>',
      note: 'a <redacted> note',
      tiny: 'abc',
      prose: 'abc def',
    })
    expect(paths.sort()).toEqual(['$.echo', '$.link', '$.note', '$.word'])
  })

  it('never rewrites a key: an entry whose key holds a secret is left out, others keep their names', () => {
    const { value } = redactJson(
      { byId: { 's3cr3t-value-1': { active: true }, other: 1 }, title: 'x' },
      policy,
    )
    expect(value).toEqual({ byId: { other: 1 }, title: 'x' })
  })

  it('leaves null secrets alone and does not change its input', () => {
    const input = { token: null, title: 'x' }
    expect(redactJson(input, policy)).toEqual({ value: { token: null, title: 'x' }, paths: [] })
    expect(input).toEqual({ token: null, title: 'x' })
  })
})
