/**
 * What a secret becomes in everything upcheck writes: recordings, reports, the store, e-mails,
 * logs. Recorded Pact files hold it (and are kept in git), so it never changes.
 */
export const SECRET_PLACEHOLDER = '<redacted>'

/**
 * Values shorter than this are never taken for a secret: a one- to three-character "secret"
 * cannot be told from ordinary data (scrubbing `1`, or an API version `2` read from the
 * environment, would rewrite every number in a body and break matching). Real credentials are
 * far longer.
 */
export const MIN_SECRET_LENGTH = 4

/**
 * Every form in which a secret reaches text upcheck handles: as is; percent-encoded (a `${VAR}`
 * in a base URL's query, a `Location` header), also with `'` or all of `!'()*` encoded as URL
 * parsers and strict encoders write them; form-encoded (`+` for a space); each of those with
 * lower-case hex, as some servers echo them; and JSON-escaped (an upstream echoing it in a body).
 */
export function listSecretForms(secret: string): string[] {
  const percent = encodeURIComponent(secret)
  const hex = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  const encoded = [
    percent,
    // A URL parser encodes `'` in a query (WHATWG); RFC 3986-strict encoders all of `!'()*`.
    percent.replace(/'/g, hex),
    percent.replace(/[!'()*]/g, hex),
    new URLSearchParams({ s: secret }).toString().slice(2),
  ]
  const lowerHex = encoded.map((form) => form.replace(/%[0-9A-F]{2}/g, (c) => c.toLowerCase()))
  return [...new Set([secret, ...encoded, ...lowerHex, JSON.stringify(secret).slice(1, -1)])]
}

/** One set of secrets, prepared once to be cut out of many strings. */
export interface SecretScrubber {
  /**
   * `text` with every form of every secret replaced by {@link SECRET_PLACEHOLDER}; `text`
   * itself when none occurs, the common case on the hot path.
   */
  readonly scrub: (text: string) => string
  /** Whether `text`, as a whole, is one of the secrets. */
  isSecret(text: string): boolean
  /** A scrubber for these secrets too; this one when none of them is new. */
  including(secrets: Iterable<string>): SecretScrubber
}

/**
 * Prepares a scrubber for `secrets`. Values shorter than {@link MIN_SECRET_LENGTH} are left out.
 *
 * @example
 * createSecretScrubber(['abc123']).scrub('Bearer abc123 was rejected') // 'Bearer <redacted> was rejected'
 */
export function createSecretScrubber(secrets: Iterable<string>): SecretScrubber {
  return buildScrubber(new Set(keepScrubbable(secrets)))
}

/** Replaces every form of each secret in `text`, for a one-off string; see {@link createSecretScrubber}. */
export function scrubSecrets(text: string, secrets: Iterable<string>): string {
  return createSecretScrubber(secrets).scrub(text)
}

function keepScrubbable(secrets: Iterable<string>): string[] {
  const out: string[] = []
  for (const secret of secrets) if (secret.length >= MIN_SECRET_LENGTH) out.push(secret)
  return out
}

function buildScrubber(secrets: ReadonlySet<string>): SecretScrubber {
  const forms = new Set<string>()
  for (const secret of secrets) for (const form of listSecretForms(secret)) forms.add(form)
  // @note A secret that contains another must go first, or only its remainder would be scrubbed.
  const ordered = [...forms].sort((a, b) => b.length - a.length)
  const scrubber: SecretScrubber = {
    scrub:
      ordered.length === 0
        ? (text) => text
        : (text) => {
            let out = text
            for (const form of ordered)
              if (out.includes(form)) out = out.replaceAll(form, SECRET_PLACEHOLDER)
            return out
          },
    isSecret: (text) => secrets.has(text),
    including(more) {
      const added = keepScrubbable(more).filter((secret) => !secrets.has(secret))
      return added.length === 0 ? scrubber : buildScrubber(new Set([...secrets, ...added]))
    },
  }
  return scrubber
}
