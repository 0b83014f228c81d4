import type { MatchingRule, MatchingRules, RuleCategory, RuleList } from '../model/index.js'
import {
  compileMatcher,
  compileRuleList,
  isBareMatcher,
  parseRulePathAt,
  requireRuleMap,
} from './matchers/compile-matcher.js'
import { childAt, isObject, ruleError } from './matchers/rule-error.js'
import type { ReadLocation } from './pact-error.js'

const CATEGORIES = new Set<RuleCategory>([
  'body',
  'header',
  'query',
  'path',
  'status',
  'method',
  'metadata',
])
/** Categories with one value per request/response: their rules sit directly under the category. */
const SINGLE_VALUED = new Set<RuleCategory>(['path', 'status', 'method'])

/**
 * Checks one matcher by compiling it (so a bad regex or date format fails when the file is read,
 * naming its place, and compiles once) and returns it as read, with `match` inferred where an
 * older writer left it out.
 */
export function readMatchingRule(input: unknown, at: ReadLocation): MatchingRule {
  return compileMatcher(input, at).rule
}

/** Reads `{matchers: [...], combine}`; a bare matcher object (some V3 writers) is read as a one-matcher list. */
function readRuleList(raw: unknown, at: ReadLocation): RuleList {
  const matchers = compileRuleList(raw, at).matchers.map((m) => m.rule)
  const list = raw as Record<string, unknown>
  return isBareMatcher(list) ? { matchers } : ({ ...list, matchers } as RuleList)
}

/** Rules keyed by expression; `paths` says whether keys are body paths (checked) or names. */
function readRuleMap(raw: unknown, at: ReadLocation, paths = true): Record<string, RuleList> {
  const out: Record<string, RuleList> = {}
  for (const [key, value] of Object.entries(requireRuleMap(raw, at))) {
    const keyAt = childAt(at, key)
    if (paths) parseRulePathAt(key, keyAt)
    out[key] = readRuleList(value, keyAt)
  }
  return out
}

/** Reads V3/V4 rules, grouped by category. */
function readCategorisedRules(raw: Record<string, unknown>, at: ReadLocation): MatchingRules {
  const rules: MatchingRules = {}
  for (const [category, value] of Object.entries(raw)) {
    const categoryAt = childAt(at, category)
    if (!CATEGORIES.has(category as RuleCategory)) {
      throw ruleError(
        categoryAt,
        undefined,
        `unknown rule category ${JSON.stringify(category)}`,
        `Use one of: ${[...CATEGORIES].join(', ')}`,
      )
    }
    const name = category as RuleCategory
    if (
      SINGLE_VALUED.has(name) &&
      isObject(value) &&
      (value.matchers !== undefined || value.match !== undefined)
    ) {
      rules[name] = { '': readRuleList(value, categoryAt) }
    } else {
      rules[name] = readRuleMap(value, categoryAt, name === 'body')
    }
  }
  return rules
}

/** `$.body.a` → [`body`, `$.a`]; `$.headers['X-A']` → [`header`, `X-A`]; `$.path` → [`path`, ``]. */
function splitV2Key(key: string): [RuleCategory, string] | undefined {
  const match = /^\$\.(body|headers|header|query|path|method|status)(?=$|[.[])(.*)$/.exec(key)
  if (!match) return undefined
  const part = match[1]!
  const rest = match[2]!
  if (part === 'body') return ['body', `$${rest}`]
  if (part === 'path' || part === 'method' || part === 'status')
    return rest === '' ? [part, ''] : undefined
  const name = /^\.(.+)$/.exec(rest)?.[1] ?? /^\[(['"])(.*)\1\]$/.exec(rest)?.[2]
  if (name === undefined) return undefined
  return [part === 'query' ? 'query' : 'header', name]
}

/** V2 rules are one matcher per path, often without `match` (`{"regex": …}`, `{"min": 1}`). */
function convertV2Rule(raw: unknown, at: ReadLocation): MatchingRule {
  if (!isObject(raw))
    throw ruleError(
      at,
      undefined,
      `a V2 rule must be an object like {"match": "type"}, found ${JSON.stringify(raw)}`,
      'Fix the rule',
    )
  return readMatchingRule(raw, at)
}

function convertV2Rules(raw: Record<string, unknown>, at: ReadLocation): MatchingRules {
  const rules: MatchingRules = {}
  for (const [key, value] of Object.entries(raw)) {
    const ruleAt = childAt(at, key)
    const split = splitV2Key(key)
    if (!split) {
      throw ruleError(
        ruleAt,
        undefined,
        `the V2 rule key ${JSON.stringify(key)} names no part of the request or response`,
        'Key V2 rules like "$.body.id", "$.headers.Accept", "$.query.page" or "$.path"',
      )
    }
    const [category, expression] = split
    if (category === 'body') parseRulePathAt(expression, ruleAt)
    const byExpression = (rules[category] ??= {})
    byExpression[expression] = { matchers: [convertV2Rule(value, ruleAt)], combine: 'AND' }
  }
  return rules
}

/**
 * Reads the `matchingRules` of a request or response into V4 categories.
 * V2 files key rules by `$.body.x`, `$.headers.X`, `$.query.x`, `$.path`; V3 and V4 group them.
 * A file that says V3 but keys its rules the V2 way is read as V2: some writers mislabel.
 */
export function readMatchingRules(
  raw: unknown,
  at: ReadLocation,
  shared?: SharedRules,
): MatchingRules | undefined {
  if (raw === undefined || raw === null) return undefined
  if (!isObject(raw))
    throw ruleError(
      at,
      undefined,
      `matchingRules must be an object, found ${JSON.stringify(raw)}`,
      'Fix or remove matchingRules',
    )
  if (!shared) return readRuleObject(raw, at)
  const key = JSON.stringify(raw)
  let rules = shared.get(key)
  if (rules === undefined) {
    rules = readRuleObject(raw, at)
    shared.set(key, rules)
  }
  return rules
}

/**
 * Rules already read, by their JSON text, for one file. A recorder writes the same rules for
 * every answer of an endpoint, so a file of 10,000 interactions holds a handful of distinct
 * rule objects: each is checked and compiled once, and its interactions share the result (read
 * only: whoever edits rules copies them first, as src/record does).
 */
export type SharedRules = Map<string, MatchingRules>

function readRuleObject(raw: Record<string, unknown>, at: ReadLocation): MatchingRules {
  const keys = Object.keys(raw)
  if (keys.length > 0 && keys.every((k) => k.startsWith('$'))) return convertV2Rules(raw, at)
  return readCategorisedRules(raw, at)
}
