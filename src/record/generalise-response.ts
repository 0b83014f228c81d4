import type { HttpResponse, MatchingRule, MatchingRules } from '../model/index.js'
import { isJsonContentType, joinJsonPath } from '../interactions/index.js'
import { copyRules, setRule, TYPE_RULE } from './set-rule.js'
import { detectShape, ruleForShape, type ValueShape } from './value-patterns.js'

/** What was seen at one rule path (`$.items[*].id` gathers every item's id). */
interface Observed {
  arrays: number
  emptyArrays: number
  /** Each string's shape, `none` for a string without one, `other` for a value that is not a string. */
  shapes: Set<ValueShape | 'none' | 'other'>
}

/**
 * Turns a literal recorded response into one that tomorrow's data still matches: the body is
 * type-matched from the root, non-empty arrays must stay non-empty, UUIDs, dates, date-times
 * and URLs must keep their shape. The status stays exact, and so does the Content-Type's media
 * type (its parameters may change); every other header must be present, with any value. Rules
 * already on the response (a redacted field's) win.
 */
export function generaliseResponse(response: HttpResponse): HttpResponse {
  const rules = copyRules(response.matchingRules)
  const body = response.body
  if (body !== undefined && body.encoded !== 'base64') {
    if (
      typeof body.content !== 'string' ||
      isJsonContentType(body.contentType) ||
      body.encoded === 'json'
    ) {
      const value =
        body.encoded === 'json' && typeof body.content === 'string'
          ? JSON.parse(body.content)
          : body.content
      addBodyRules(value, rules)
    } else if (body.content !== '') {
      // Text (HTML, CSV, plain) changes with the data; that it stays text is the contract.
      setIfAbsent(rules, 'body', '$', [TYPE_RULE])
    }
  }
  for (const [name, values] of Object.entries(response.headers ?? {})) {
    if (name.toLowerCase() !== 'content-type')
      // @note Header values are data (X-Total-Count, Link, Location, Access-Control-Expose-Headers):
      // that the header is there is what a consumer can rely on, not its value.
      setIfAbsent(rules, 'header', name, [TYPE_RULE])
    else if (values.length === 1) setIfAbsent(rules, 'header', name, [mediaTypeRule(values[0]!)])
  }
  return Object.keys(rules).length === 0 ? response : { ...response, matchingRules: rules }
}

/** `^application/json(\s*;.*)?$`: the media type exact, any parameters (charset, boundary). */
export function mediaTypeRule(contentType: string): MatchingRule {
  const base = contentType.split(';', 1)[0]!.trim()
  return { match: 'regex', regex: `^${escapeRegex(base)}(\\s*;.*)?$` }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function setIfAbsent(
  rules: MatchingRules,
  category: 'body' | 'header',
  expression: string,
  matchers: MatchingRule[],
): void {
  if (rules[category]?.[expression] === undefined) setRule(rules, category, expression, matchers)
}

function addBodyRules(value: unknown, rules: MatchingRules): void {
  const observed = new Map<string, Observed>()
  observe(value, '$', observed)
  setIfAbsent(rules, 'body', '$', [TYPE_RULE])
  for (const [path, seen] of observed) {
    let rule: MatchingRule | undefined
    if (seen.arrays > 0 && seen.emptyArrays === 0 && seen.shapes.size === 0)
      rule = { match: 'type', min: 1 }
    else if (seen.arrays === 0 && seen.shapes.size === 1) {
      const [shape] = seen.shapes
      if (shape !== 'none' && shape !== 'other' && shape !== undefined) rule = ruleForShape(shape)
    }
    if (rule === undefined) continue
    // The root's own rule is the type rule set above; a non-empty root array tightens it.
    if (path === '$') setRule(rules, 'body', '$', [rule])
    else setIfAbsent(rules, 'body', path, [rule])
  }
}

function observe(value: unknown, path: string, observed: Map<string, Observed>): void {
  let seen = observed.get(path)
  if (!seen) observed.set(path, (seen = { arrays: 0, emptyArrays: 0, shapes: new Set() }))
  if (Array.isArray(value)) {
    seen.arrays++
    if (value.length === 0) seen.emptyArrays++
    for (const item of value) observe(item, `${path}[*]`, observed)
    return
  }
  if (value !== null && typeof value === 'object') {
    seen.shapes.add('other')
    for (const [key, child] of Object.entries(value))
      observe(child, joinJsonPath(path, key), observed)
    return
  }
  seen.shapes.add(typeof value === 'string' ? (detectShape(value) ?? 'none') : 'other')
}
