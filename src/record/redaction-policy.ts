import { UpcheckError } from '../model/index.js'
import {
  parseRulePath,
  RulePathSyntaxError,
  type PathToken,
} from '../interactions/parse-rule-path.js'

/** What a redacted string becomes. Other types get a placeholder of their own type (0, false, [], {}). */
export const REDACTED = '<redacted>'

/**
 * A value shorter than this is never taken for a secret: redacting every `"2"` because an
 * API version came from the environment would wreck a recording and protect nothing.
 */
const MIN_SECRET_LENGTH = 4
/** Secrets at least this long are also cut out of longer strings (`Bearer abc…`, a URL holding a token). */
const MIN_EMBEDDED_LENGTH = 8

/** Decides what is a secret in a recording, beyond the names of headers and fields. */
export interface RedactionPolicy {
  /** Whether `text` is, as a whole, one of the secret values. */
  isSecretValue(text: string): boolean
  /** `text` with every embedded secret value replaced by {@link REDACTED}. */
  scrub(text: string): string
  /** Whether a body node at these concrete segments is one of the contract's `redact:` paths. */
  isRedactedPath(segments: readonly (string | number)[]): boolean
  /**
   * Adds values found in secret-named places (a token a login returned, a password a form
   * sent) to the secret values, so an echo of one elsewhere is redacted too. Values shorter
   * than 8 characters are not taken: `"token_type": "bearer"` must not redact every "bearer".
   */
  remember(values: Iterable<string>): void
}

export interface RedactionPolicyOptions {
  /** Secret values: those the contract reads from the environment, and secret-named variables. */
  secrets: readonly string[]
  /** The contract's `redact:` JSON paths, like `$.customer.email` or `$.items[*].card`. */
  redactPaths: readonly string[]
  /** The contract file, named in errors about a bad path. */
  contractFile?: string
}

/**
 * Builds the policy for one contract. Throws `CONTRACT_INVALID` naming the `redact:` entry
 * whose path cannot be parsed.
 */
export function createRedactionPolicy(options: RedactionPolicyOptions): RedactionPolicy {
  const whole = new Set<string>()
  const embedded = new Set<string>()
  let forms: string[] = []
  const add = (secret: string, minimum: number): boolean => {
    if (secret.length < minimum || whole.has(secret)) return false
    whole.add(secret)
    if (secret.length < MIN_EMBEDDED_LENGTH) return true
    // Secrets reach URLs percent-encoded (both ways of writing a space) and JSON escaped; those forms are cut out too.
    const forms = [
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
    ]
    for (const form of forms) embedded.add(form)
    return true
  }
  const sortForms = () => {
    // @note A secret that contains another must go first, or only its remainder would be cut.
    forms = [...embedded].sort((a, b) => b.length - a.length)
  }
  for (const secret of options.secrets) add(secret, MIN_SECRET_LENGTH)
  sortForms()
  const paths = options.redactPaths.map((path, i) => parseRedactPath(path, i, options.contractFile))
  return {
    isSecretValue: (text) => whole.has(text),
    scrub(text) {
      let out = text
      for (const form of forms) if (out.includes(form)) out = out.replaceAll(form, REDACTED)
      return out
    },
    isRedactedPath: (segments) => paths.some((tokens) => matchTokens(tokens, 0, segments, 0)),
    remember(values) {
      let added = false
      for (const value of values) if (add(value, MIN_EMBEDDED_LENGTH)) added = true
      if (added) sortForms()
    },
  }
}

function parseRedactPath(path: string, index: number, file: string | undefined): PathToken[] {
  try {
    return parseRulePath(path)
  } catch (error) {
    if (!(error instanceof RulePathSyntaxError)) throw error
    throw new UpcheckError(
      'CONTRACT_INVALID',
      `${file ?? 'the contract'}: redact[${index}] "${path}" is not a JSON path (${error.message}). Write it like $.customer.email or $.items[*].card.`,
      { cause: error, location: { ...(file !== undefined && { file }), path: `redact[${index}]` } },
    )
  }
}

function matchTokens(
  tokens: readonly PathToken[],
  t: number,
  segments: readonly (string | number)[],
  s: number,
): boolean {
  if (t === tokens.length) return s === segments.length
  const token = tokens[t]!
  if (token.kind === 'descend') {
    for (let skip = s; skip <= segments.length; skip++)
      if (matchTokens(tokens, t + 1, segments, skip)) return true
    return false
  }
  if (s === segments.length) return false
  const segment = segments[s]!
  const fits =
    token.kind === 'any' ||
    (token.kind === 'any-index' && typeof segment === 'number') ||
    (token.kind === 'index' && segment === token.index) ||
    (token.kind === 'field' && segment === token.name)
  return fits && matchTokens(tokens, t + 1, segments, s + 1)
}
