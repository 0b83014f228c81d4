import { describe, expect, it } from 'vitest'
import { createScrubber, scrubSecrets } from './scrub-secrets.js'

describe('scrubSecrets', () => {
  it('replaces every occurrence of each secret', () => {
    expect(scrubSecrets('a tok1 b tok1 c tok2', ['tok1', 'tok2'])).toBe(
      'a [redacted] b [redacted] c [redacted]',
    )
  })

  it('replaces the percent-encoded and JSON-escaped forms', () => {
    expect(scrubSecrets('?t=a%2Fb%20c', ['a/b c'])).toBe('?t=[redacted]')
    expect(scrubSecrets('{"t":"say \\"hi\\""}', ['say "hi"'])).toBe('{"t":"[redacted]"}')
  })

  it('scrubs a secret that contains another whole, not just its remainder', () => {
    expect(scrubSecrets('key=abcdef', ['abc', 'abcdef'])).toBe('key=[redacted]')
  })

  it('ignores empty secrets and returns text without secrets unchanged', () => {
    expect(scrubSecrets('nothing here', ['', 'zzz'])).toBe('nothing here')
  })
})

describe('createScrubber', () => {
  it('scrubs like scrubSecrets', () => {
    expect(createScrubber(['s3cr3t']).call(null, 'x s3cr3t y')).toBe('x [redacted] y')
  })

  it('passes text through when there are no secrets', () => {
    expect(createScrubber([''])('s3')).toBe('s3')
  })
})

describe('short values', () => {
  it('leaves values shorter than four characters alone, since they cannot be told from data', () => {
    expect(scrubSecrets('{"id":1,"n":12}', ['1', '12'])).toBe('{"id":1,"n":12}')
    expect(scrubSecrets('token abcd', ['abcd'])).toBe('token [redacted]')
  })
})
