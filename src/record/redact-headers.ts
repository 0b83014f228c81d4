import type { Headers } from '../model/index.js'
import { REDACTED, type RedactionPolicy } from './redaction-policy.js'
import { isSecretHeaderName } from './secret-names.js'

const AUTHORIZATION = new Set(['authorization', 'proxy-authorization'])
/** `Bearer abc`, `Basic dXNl…`, `AWS4-HMAC-SHA256 Credential=…`: the scheme word, then the credentials. */
const SCHEME = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)\s+\S/

/**
 * The stand-in for a secret header value. An authorization header keeps its scheme word, so a
 * reader still sees what kind of credentials the pilot sent.
 */
export function placeholderHeaderValue(name: string, value: string): string {
  if (!AUTHORIZATION.has(name.toLowerCase())) return REDACTED
  const scheme = SCHEME.exec(value)?.[1]
  return scheme === undefined ? REDACTED : `${scheme} ${REDACTED}`
}

export interface RedactedHeaders {
  headers: Headers
  /** Names (as written) of the headers whose values were replaced in part or whole. */
  names: string[]
}

/** Replaces the values of secret-named headers, and secret values inside any other header. */
export function redactHeaders(headers: Headers, policy: RedactionPolicy): RedactedHeaders {
  const out: Headers = {}
  const names: string[] = []
  for (const [name, values] of Object.entries(headers)) {
    if (isSecretHeaderName(name)) {
      out[name] = values.map((value) => placeholderHeaderValue(name, value))
      names.push(name)
      continue
    }
    const scrubbed = values.map(policy.redactValue)
    if (scrubbed.some((value, i) => value !== values[i])) names.push(name)
    out[name] = scrubbed
  }
  return { headers: out, names }
}
