/** What a secret is replaced with in every string upcheck produces. */
export const SECRET_PLACEHOLDER = '[redacted]'

/**
 * Replaces every occurrence of each secret in `text` with {@link SECRET_PLACEHOLDER}.
 * The percent-encoded and JSON-escaped forms are scrubbed too: secrets reach URLs (a `${VAR}`
 * in a base URL's query) and come back in `Location` headers, and upstreams echo them in JSON.
 *
 * @example
 * scrubSecrets('Bearer abc123 was rejected', ['abc123']) // 'Bearer [redacted] was rejected'
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  if (secrets.length === 0 || text.length === 0) return text
  return replaceSecrets(text, prepareSecrets(secrets))
}

/**
 * A scrubber bound to one upstream's secrets, prepared once. Returns `text` itself when no
 * secret occurs in it, which is the common case on the hot path.
 */
export function createScrubber(secrets: readonly string[]): (text: string) => string {
  const prepared = prepareSecrets(secrets)
  if (prepared.length === 0) return (text) => text
  return (text) => (text.length === 0 ? text : replaceSecrets(text, prepared))
}

/**
 * Values shorter than this are not scrubbed: a one- or two-character "secret" cannot be told
 * from ordinary data (scrubbing `1` would rewrite every number in a body and break matching).
 * The recorder draws the same line. Real credentials are far longer.
 */
export const MIN_SCRUBBED_SECRET_LENGTH = 4

/** @note A secret that contains another must go first, or only its remainder would be scrubbed. */
function prepareSecrets(secrets: readonly string[]): string[] {
  const forms = new Set<string>()
  for (const secret of secrets) {
    if (secret.length < MIN_SCRUBBED_SECRET_LENGTH) continue
    forms.add(secret)
    forms.add(encodeURIComponent(secret))
    forms.add(JSON.stringify(secret).slice(1, -1))
  }
  return [...forms].sort((a, b) => b.length - a.length)
}

function replaceSecrets(text: string, prepared: readonly string[]): string {
  let out = text
  for (const secret of prepared) {
    if (out.includes(secret)) out = out.replaceAll(secret, SECRET_PLACEHOLDER)
  }
  return out
}
