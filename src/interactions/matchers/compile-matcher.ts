import { MATCHER_NAMES, type MatcherName, type MatchingRule } from '../../model/index.js'
import type { ReadLocation } from '../pact-error.js'
import { parseRulePath, type PathToken } from '../parse-rule-path.js'
import { MATCHERS, type MatcherDefinition } from './matcher-table.js'
import { childAt, isObject, ruleError } from './rule-error.js'

/** One matcher, with everything it needs precomputed (regexes compiled, nested rules compiled). */
export interface CompiledMatcher {
  name: MatcherName
  /** The rule as read (with `match` inferred where the file left it out). */
  rule: MatchingRule
  /** The table entry: how this matcher judges values. */
  definition: MatcherDefinition
  /** regex, date/time/datetime/timestamp and semver: the anchored pattern to test. */
  pattern: RuleRegex | undefined
  /** The format or regex as written, for messages. */
  source: string | undefined
  min: number | undefined
  max: number | undefined
  /** include: the text; contentType: the media type. */
  text: string | undefined
  /** statusCode: a class name or the allowed codes. */
  status: string | readonly number[] | undefined
  /** eachKey / eachValue: the nested rules. */
  nested: CompiledRuleList | undefined
  /** arrayContains: the variants, each with its own rules rooted at the item. */
  variants: { index: number; rules: CompiledRuleSet }[] | undefined
}

/** What a compiled pattern offers: a whole-value test. */
export interface RuleRegex {
  test(text: string): boolean
}

/** What a table entry's `compile` works out; the rest of {@link CompiledMatcher} is filled in. */
export type MatcherParts = Partial<
  Pick<
    CompiledMatcher,
    'pattern' | 'source' | 'min' | 'max' | 'text' | 'status' | 'nested' | 'variants'
  >
>

export interface CompiledRuleList {
  matchers: CompiledMatcher[]
  combine: 'AND' | 'OR'
  /**
   * Every matcher constrains a container's shape only (values, eachValue, arrayContains), so the
   * list says nothing about descendants it cascades to. eachKey is not counted: Pact lets a
   * cascading eachKey pass the leaves below it.
   */
  containerOnly: boolean
  /** An array under this list may be longer or shorter than the example (type-like matchers). */
  flexibleArray: boolean
  /** The keys of an object under this list are free; every value is matched against the example. */
  values: boolean
  eachKey?: CompiledMatcher
  eachValue?: CompiledMatcher
  arrayContains?: CompiledMatcher
  /** Filled by the matcher: children of a container take these, as if keyed `path.*` (eachValue), by depth. */
  synthetic?: Map<number, CompiledRule>
}

/** A body rule: its path, parsed, and its matchers. */
export interface CompiledRule {
  tokens: readonly PathToken[]
  list: CompiledRuleList
  /** Breaks ties between equal weights: the longer path wins, as in Pact. */
  specificity: number
}

/** The body rules of one request or response (or one arrayContains variant). */
export interface CompiledRuleSet {
  rules: CompiledRule[]
}

/** How a table entry compiles the rules nested in its own (eachKey, eachValue, arrayContains). */
export interface NestedCompiler {
  /** A list of matchers at `at` (a JSON array), combined with AND. */
  matchers(items: readonly unknown[], at: ReadLocation): CompiledRuleList
  /** Rules keyed by body path, as in a `matchingRules.body` object. */
  ruleSet(raw: unknown, at: ReadLocation): CompiledRuleSet
}

/** Where rules built in code (not read from a file) are said to be, in messages. */
export const IN_CODE: ReadLocation = { file: '<pact>', path: '$' }

/** `{"regex": …}` → regex, `{"min": 1}` → type, `{"timestamp": "…"}` → timestamp with that format. */
function inferMatch(raw: Record<string, unknown>): Record<string, unknown> {
  if (raw.regex !== undefined) return { match: 'regex', ...raw }
  if (raw.min !== undefined || raw.max !== undefined) return { match: 'type', ...raw }
  for (const kind of ['timestamp', 'date', 'time'] as const) {
    if (raw[kind] !== undefined) {
      const { [kind]: format, ...rest } = raw
      return { match: kind, format, ...rest }
    }
  }
  return raw
}

function isMatcherName(name: unknown): name is MatcherName {
  return typeof name === 'string' && Object.hasOwn(MATCHERS, name)
}

const NESTED: NestedCompiler = {
  matchers: (items, at) => compileMatchers(items, at, 'AND'),
  ruleSet: (raw, at) => compileRuleSet(raw, at),
}

/**
 * Compiled matchers by the rule object they came from. The reader compiles every rule to check
 * it; the matcher then finds the same objects here, so a regex or date format compiles once.
 */
const compiledMatchers = new WeakMap<object, CompiledMatcher>()

/**
 * Checks one matcher and compiles it: its name, its own fields, its nested rules.
 * Older writers leave out `match` where the other keys imply it, as V2 did; Pact infers it, and
 * so does this (`compiled.rule` is the rule with `match` filled in).
 * @throws UpcheckError `RULE_INVALID` naming the place in the file (`at`) and what to do.
 */
export function compileMatcher(input: unknown, at: ReadLocation = IN_CODE): CompiledMatcher {
  if (!isObject(input)) {
    throw ruleError(
      at,
      undefined,
      `a matcher must be an object like {"match": "type"}, found ${JSON.stringify(input)}`,
      'Fix the matcher',
    )
  }
  const cached = compiledMatchers.get(input)
  if (cached) return cached
  const raw = input.match === undefined ? inferMatch(input) : input
  const name = raw.match
  if (!isMatcherName(name)) {
    throw ruleError(
      at,
      'match',
      name === undefined
        ? 'the matcher has no "match" and none of the keys that imply one'
        : `unknown matcher ${JSON.stringify(name)}`,
      `Use one of: ${MATCHER_NAMES.join(', ')}`,
    )
  }
  const rule = raw as MatchingRule
  const definition: MatcherDefinition = MATCHERS[name]
  const parts = definition.compile?.(rule, at, NESTED) ?? {}
  // Every compiled matcher has the same fields in the same order, so the checks stay monomorphic.
  const compiled: CompiledMatcher = {
    name,
    rule,
    definition,
    pattern: parts.pattern,
    source: parts.source,
    min: parts.min,
    max: parts.max,
    text: parts.text,
    status: parts.status,
    nested: parts.nested,
    variants: parts.variants,
  }
  compiledMatchers.set(input, compiled)
  if (rule !== input) compiledMatchers.set(rule, compiled)
  return compiled
}

function compileMatchers(
  items: readonly unknown[],
  at: ReadLocation,
  combine: 'AND' | 'OR',
): CompiledRuleList {
  const matchers = items.map((item, i) => compileMatcher(item, childAt(at, i)))
  const compiled: CompiledRuleList = {
    matchers,
    combine,
    containerOnly: matchers.length > 0 && matchers.every((m) => m.definition.containerOnly),
    flexibleArray: matchers.some((m) => m.definition.flexibleArray),
    values: matchers.some((m) => m.definition.anyKeys),
  }
  // These three change how a container is walked, so the walk finds them without a search.
  for (const m of matchers) {
    if (m.name === 'eachKey') compiled.eachKey = m
    else if (m.name === 'eachValue') compiled.eachValue = m
    else if (m.name === 'arrayContains') compiled.arrayContains = m
  }
  return compiled
}

/** A bare matcher object where a rule list belongs (some V3 writers): read as a one-matcher list. */
export function isBareMatcher(raw: Record<string, unknown>): boolean {
  return raw.matchers === undefined && raw.match !== undefined
}

/**
 * Checks and compiles the matchers at one path: `{matchers: [...], combine}`, or a bare matcher.
 * @throws UpcheckError `RULE_INVALID` naming the place (`at`) and what to do.
 */
export function compileRuleList(raw: unknown, at: ReadLocation = IN_CODE): CompiledRuleList {
  if (!isObject(raw))
    throw ruleError(
      at,
      undefined,
      `expected {"matchers": [...]}, found ${JSON.stringify(raw)}`,
      'Fix the rule',
    )
  if (isBareMatcher(raw)) return compileMatchers([raw], at, 'AND')
  if (!Array.isArray(raw.matchers)) {
    throw ruleError(
      at,
      'matchers',
      '"matchers" is missing or not a list',
      'Give the rule a list of matchers',
    )
  }
  const combine = raw.combine
  const list = compileMatchers(
    raw.matchers,
    childAt(at, 'matchers'),
    combine === 'OR' ? 'OR' : 'AND',
  )
  if (combine !== undefined && combine !== 'AND' && combine !== 'OR') {
    throw ruleError(at, 'combine', `combine is ${JSON.stringify(combine)}`, 'Use "AND" or "OR"')
  }
  return list
}

/** Checks that rules keyed by path (or name) are an object. */
export function requireRuleMap(raw: unknown, at: ReadLocation): Record<string, unknown> {
  if (!isObject(raw))
    throw ruleError(at, undefined, 'expected an object of rules keyed by path', 'Fix the rules')
  return raw
}

/** Parses a body rule's path; `at` is where the rule keyed by it sits. */
export function parseRulePathAt(expression: string, at: ReadLocation): PathToken[] {
  try {
    return parseRulePath(expression)
  } catch (error) {
    throw ruleError(
      at,
      undefined,
      `the rule path ${JSON.stringify(expression)} is not valid (${error instanceof Error ? error.message : String(error)})`,
      "Write paths like $.items[*].id or $['a b']",
      error,
    )
  }
}

/**
 * Compiles body rules keyed by path expression.
 * @throws UpcheckError `RULE_INVALID` naming the place (`at`) and what to do.
 */
export function compileRuleSet(raw: unknown, at: ReadLocation = IN_CODE): CompiledRuleSet {
  // @note Recorded interactions mostly share their rules (a recorder generalises every body of
  // an endpoint alike), so identical rule sets compile once and share their derived rule
  // states: at 10,000 interactions that is most of the matcher's memory and compile time.
  const key = JSON.stringify(raw)
  const cached = compiledRuleSets.get(key)
  if (cached) return cached
  const rules: CompiledRule[] = []
  for (const [expression, list] of Object.entries(requireRuleMap(raw, at))) {
    const ruleAt = childAt(at, expression)
    const tokens = parseRulePathAt(expression, ruleAt)
    rules.push({ tokens, list: compileRuleList(list, ruleAt), specificity: tokens.length })
  }
  const set = { rules }
  if (compiledRuleSets.size >= maxCachedRuleSets) compiledRuleSets.clear()
  compiledRuleSets.set(key, set)
  return set
}

const compiledRuleSets = new Map<string, CompiledRuleSet>()
const maxCachedRuleSets = 1024
