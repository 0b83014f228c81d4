import { joinJsonPath } from '../interactions/index.js'
import { REDACTED, type RedactionPolicy } from './redaction-policy.js'
import { isSecretFieldName } from './secret-names.js'

export interface RedactedJson {
  value: unknown
  /** Rule paths (`$.user.token`, `$.items[*].password`) of every value that was replaced. */
  paths: string[]
}

/** A stand-in of the same JSON type, so a type rule on it still compares the real value. */
export function placeholderFor(value: unknown): unknown {
  if (typeof value === 'string') return REDACTED
  if (typeof value === 'number') return 0
  if (typeof value === 'boolean') return false
  if (Array.isArray(value)) return []
  if (value !== null && typeof value === 'object') return {}
  return value
}

/**
 * Replaces, in a parsed JSON body, the values of secret-named fields, of the contract's
 * `redact:` paths, and every secret value wherever it stands. Returns a new value; the input
 * is left as it was.
 */
export function redactJson(value: unknown, policy: RedactionPolicy): RedactedJson {
  const paths = new Set<string>()
  const segments: (string | number)[] = []

  const visit = (node: unknown, rulePath: string): unknown => {
    if (Array.isArray(node)) {
      return node.map((item, i) => {
        segments.push(i)
        const out = visitChild(item, `${rulePath}[*]`)
        segments.pop()
        return out
      })
    }
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {}
      for (const [key, child] of Object.entries(node)) {
        // @note A key is never rewritten: a renamed key is a field the upstream never sends, and
        // every verify would miss it. A key holding a secret (a map keyed by token) is left out
        // with its value instead; extra keys are allowed, so the recording still matches.
        if (policy.scrub(key) !== key) continue
        segments.push(key)
        const childPath = joinJsonPath(rulePath, key)
        if (isSecretFieldName(key) && child !== null) {
          out[key] = placeholderFor(child)
          paths.add(childPath)
        } else {
          out[key] = visitChild(child, childPath)
        }
        segments.pop()
      }
      return out
    }
    if (typeof node === 'string') {
      if (policy.isSecretValue(node)) {
        paths.add(rulePath)
        return REDACTED
      }
      const scrubbed = policy.scrub(node)
      if (scrubbed !== node) paths.add(rulePath)
      return scrubbed
    }
    if (typeof node === 'number' && policy.isSecretValue(String(node))) {
      paths.add(rulePath)
      return 0
    }
    return node
  }

  const visitChild = (node: unknown, rulePath: string): unknown => {
    if (node !== null && policy.isRedactedPath(segments)) {
      paths.add(rulePath)
      return placeholderFor(node)
    }
    return visit(node, rulePath)
  }

  const out = visitChild(value, '$')
  return { value: out, paths: [...paths] }
}
