import type { HttpInteraction, MatchingRules } from '../../model/index.js'
import { isJsonContentType } from '../../interactions/index.js'
import type { ProbeExchange } from '../../probes/index.js'
import { copyRules, setRule, TYPE_RULE } from '../set-rule.js'
import { compareBodies } from './compare-bodies.js'
import { parseJson } from '../../text/index.js'

export interface Learned {
  /** The interaction with type-only rules where values changed; the same object when nothing was learned. */
  interaction: HttpInteraction
  /** What varied: body rule paths and `header X`. */
  varying: string[]
  /** Why nothing could be learned, or what the rules cannot cover (a type change); for the user. */
  notes: string[]
}

function hasTypeRule(rules: MatchingRules, path: string): boolean {
  return rules.body?.[path]?.matchers.some((m) => m.match === 'type') === true
}

/**
 * Compares a recorded response with a second answer to the same request and marks the fields
 * whose values changed as type-only, dropping any stricter rule on them. Only rules change:
 * no value of the second answer is kept.
 */
export function learnFromSecondAnswer(
  interaction: HttpInteraction,
  exchange: ProbeExchange,
): Learned {
  const unchanged = (note: string): Learned => ({ interaction, varying: [], notes: [note] })
  if (exchange.outcome !== 'response')
    return unchanged(
      `not learned: the second request ${exchange.outcome === 'skipped' ? 'was not sent' : `got no usable answer (${exchange.outcome})`}`,
    )
  const recorded = interaction.response
  if (exchange.status !== recorded.status)
    return unchanged(
      `not learned: the second answer was ${exchange.status}, the recording ${recorded.status}`,
    )

  const rules = copyRules(recorded.matchingRules)
  const varying: string[] = []
  const notes: string[] = []
  const body = recorded.body
  if (body !== undefined && body.encoded !== 'base64' && exchange.bodyEncoding === 'utf8') {
    const json = typeof body.content !== 'string' || isJsonContentType(body.contentType)
    if (json) {
      let again: unknown
      try {
        again = parseJson(exchange.bodyText)
      } catch {
        notes.push('the second answer is not JSON')
      }
      if (again !== undefined) {
        const changes = compareBodies(body.content, again)
        for (const path of changes.varying) {
          // An array whose length changed is fine under a type rule (`min: 1` included).
          if (
            !hasTypeRule(rules, path) ||
            rules.body?.[path]?.matchers.some((m) => m.match !== 'type')
          )
            setRule(rules, 'body', path, [TYPE_RULE])
          varying.push(path)
        }
        if (changes.retyped.length > 0)
          notes.push(`changed type between two answers: ${changes.retyped.join(', ')}`)
        if (changes.missing.length > 0)
          notes.push(`missing from the second answer: ${changes.missing.join(', ')}`)
      }
    } else if (body.content !== exchange.bodyText) {
      setRule(rules, 'body', '$', [TYPE_RULE])
      varying.push('$')
    }
  }
  for (const [name, values] of Object.entries(recorded.headers ?? {})) {
    const now = exchange.headers[name.toLowerCase()]
    const text = Array.isArray(now) ? now.join(', ') : now
    if (text === undefined || text === values.join(', ') || rules.header?.[name] !== undefined)
      continue
    setRule(rules, 'header', name, [TYPE_RULE])
    varying.push(`header ${name}`)
  }
  if (varying.length === 0) return { interaction, varying, notes }
  return {
    interaction: { ...interaction, response: { ...recorded, matchingRules: rules } },
    varying,
    notes,
  }
}
