import { UpcheckError } from '../model/index.js'
import { parseRulePath, RulePathSyntaxError, type PathToken } from '../interactions/parse-rule-path.js'

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
  for (const secret of options.secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue
    whole.add(secret)
    if (secret.length < MIN_EMBEDDED_LENGTH) continue
    // Secrets reach URLs percent-encoded and JSON escaped; those forms are cut out too.
    for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) embedded.add(form)
  }
  const forms = [...embedded].sort((a, b) => b.length - a.length)
  const paths = options.redactPaths.map((path, i) => parseRedactPath(path, i, options.contractFile))
  return {
    isSecretValue: (text) => whole.has(text),
    scrub(text) {
      let out = text
      for (const form of forms) if (out.includes(form)) out = out.replaceAll(form, REDACTED)
      return out
    },
    isRedactedPath: (segments) => paths.some((tokens) => matchTokens(tokens, 0, segments, 0)),
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

function matchTokens(tokens: readonly PathToken[], t: number, segments: readonly (string | number)[], s: number): boolean {
  if (t === tokens.length) return s === segments.length
  const token = tokens[t]!
  if (token.kind === 'descend') {
    for (let skip = s; skip <= segments.length; skip++) if (matchTokens(tokens, t + 1, segments, skip)) return true
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
