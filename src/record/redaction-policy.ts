import { UpcheckError } from '../model/index.js'
import { createSecretScrubber, SECRET_PLACEHOLDER } from '../text/index.js'
import {
  parseRulePath,
  RulePathSyntaxError,
  type PathToken,
} from '../interactions/parse-rule-path.js'

/** What a redacted string becomes. Other types get a placeholder of their own type (0, false, [], {}). */
export const REDACTED = SECRET_PLACEHOLDER

/** Decides what is a secret in a recording, beyond the names of headers and fields. */
export interface RedactionPolicy {
  /** Whether `text` is, as a whole, one of the secret values. */
  isSecretValue(text: string): boolean
  /** `text` with every embedded secret value, in each of its encodings, replaced by {@link REDACTED}. */
  scrub(text: string): string
  /** A value in a place that is not secret by name: {@link REDACTED} when it is a secret as a whole, else {@link scrub}bed. */
  redactValue(text: string): string
  /** Whether a body node at these concrete segments is one of the contract's `redact:` paths. */
  isRedactedPath(segments: readonly (string | number)[]): boolean
  /**
   * Adds values found in secret-named places (a token a login returned, a password a form
   * sent) or at `redact:` paths to the secret values, so an echo of one elsewhere is redacted
   * too. Values too short to be told from data are not taken, as for every secret.
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
  let scrubber = createSecretScrubber(options.secrets)
  const paths = options.redactPaths.map((path, i) => parseRedactPath(path, i, options.contractFile))
  return {
    isSecretValue: (text) => scrubber.isSecret(text),
    scrub: (text) => scrubber.scrub(text),
    redactValue: (text) => (scrubber.isSecret(text) ? REDACTED : scrubber.scrub(text)),
    isRedactedPath: (segments) => paths.some((tokens) => matchTokens(tokens, 0, segments, 0)),
    remember(values) {
      scrubber = scrubber.including(values)
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
