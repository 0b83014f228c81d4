import type { Query } from '../model/index.js'
import { REDACTED, type RedactionPolicy } from './redaction-policy.js'
import { isSecretQueryName } from './secret-names.js'

export interface RedactedQuery {
  query: Query
  /** Names of the parameters whose values were replaced in part or whole. */
  names: string[]
}

/** Replaces the values of secret-named query parameters, and secret values inside any other. */
export function redactQuery(query: Query, policy: RedactionPolicy): RedactedQuery {
  const out: Query = {}
  const names: string[] = []
  for (const [rawName, values] of Object.entries(query)) {
    const name = policy.scrub(rawName)
    const replaced = isSecretQueryName(rawName)
      ? values.map(() => REDACTED)
      : values.map(policy.redactValue)
    if (name !== rawName || replaced.some((value, i) => value !== values[i])) names.push(name)
    out[name] = replaced
  }
  return { query: out, names }
}
