import { describe, expect, it } from 'vitest'
import { createSecretScrubber, listSecretForms, scrubSecrets } from './scrub-secrets.js'

describe('scrubSecrets', () => {
  it('replaces every occurrence of each secret', () => {
    expect(scrubSecrets('a tok1 b tok1 c tok2', ['tok1', 'tok2'])).toBe(
      'a <redacted> b <redacted> c <redacted>',
    )
  })

  // One secret with a space, a slash, a quote, a plus and a non-ASCII letter, in each form it takes.
  const secret = 'a/b c"d+é\'(!)'
  it.each([
    ['as is', `x=${secret};`],
    ['percent-encoded', `?t=${encodeURIComponent(secret)}&`],
    [
      'percent-encoded by a URL parser',
      new URL(`http://x.test/?t=${encodeURIComponent(secret)}`).href,
    ],
    ['percent-encoded in lower case', `?t=${encodeURIComponent(secret).toLowerCase()}&`],
    ['form-encoded, + for a space', `t=${new URLSearchParams({ t: secret }).toString().slice(2)}&`],
    ['JSON-escaped', JSON.stringify({ t: secret })],
  ])('replaces the secret written %s', (_, text) => {
    const scrubbed = scrubSecrets(text, [secret])
    expect(scrubbed).toContain('<redacted>')
    for (const form of listSecretForms(secret)) expect(scrubbed).not.toContain(form)
  })

  it('scrubs a secret that contains another whole, not just its remainder', () => {
    expect(scrubSecrets('key=abcdefgh', ['abcd', 'abcdefgh'])).toBe('key=<redacted>')
  })

  it('ignores empty secrets and returns text without secrets unchanged', () => {
    expect(scrubSecrets('nothing here', ['', 'zzz'])).toBe('nothing here')
  })

  it('leaves values shorter than four characters alone, since they cannot be told from data', () => {
    expect(scrubSecrets('{"id":1,"n":12,"v":"abc"}', ['1', '12', 'abc'])).toBe(
      '{"id":1,"n":12,"v":"abc"}',
    )
    expect(scrubSecrets('token abcd', ['abcd'])).toBe('token <redacted>')
  })
})

describe('createSecretScrubber', () => {
  it('passes text through, as the same string, when there are no secrets or none occurs', () => {
    expect(createSecretScrubber(['']).scrub('s3')).toBe('s3')
    const text = 'no secret in here'
    expect(createSecretScrubber(['s3cr3t']).scrub(text)).toBe(text)
  })

  it('tells a whole secret from a string that only holds one', () => {
    const scrubber = createSecretScrubber(['s3cr3t', 'abc'])
    expect(scrubber.isSecret('s3cr3t')).toBe(true)
    expect(scrubber.isSecret('x s3cr3t')).toBe(false)
    expect(scrubber.isSecret('abc')).toBe(false)
  })

  it('adds secrets without losing the earlier ones, and stays itself when none is new', () => {
    const first = createSecretScrubber(['first-secret'])
    const second = first.including(['second-secret', 'xy'])
    expect(second.scrub('first-secret second-secret xy')).toBe('<redacted> <redacted> xy')
    expect(first.scrub('second-secret')).toBe('second-secret')
    expect(second.including(['first-secret', 'xy'])).toBe(second)
  })
})
