import {
  compileDateFormat,
  defaultDateFormat,
  type DateTimeMatcherName,
} from '../interactions/compile-date-format.js'
import { compileRuleRegex } from '../interactions/compile-rule-regex.js'
import { parseRulePath, type PathToken } from '../interactions/parse-rule-path.js'
import type { MatchingRule, RuleList } from '../model/index.js'
import { UpcheckError } from '../model/index.js'

/** One matcher, with everything it needs precomputed (regexes compiled, nested rules compiled). */
export interface CompiledMatcher {
  name: string
  rule: MatchingRule
  /** regex, date/time/datetime/timestamp and semver: the anchored pattern to test. */
  pattern?: RegExp
  /** The format or regex as written, for messages. */
  source?: string
  min?: number
  max?: number
  /** include: the text; contentType: the media type. */
  text?: string
  /** statusCode: a class name or the allowed codes. */
  status?: string | readonly number[]
  /** eachKey / eachValue: the nested rules. */
  nested?: CompiledRuleList
  /** arrayContains: the variants, each with its own rules rooted at the item. */
  variants?: { index: number; rules: CompiledRuleSet }[]
}

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
  values: boolean
  eachKey?: CompiledMatcher
  eachValue?: CompiledMatcher
  arrayContains?: CompiledMatcher
  /** Children of a container take these, as if keyed `path.*` (eachValue), by depth. */
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

const CONTAINER_ONLY = new Set(['values', 'eachValue', 'arrayContains'])
const FLEXIBLE = new Set(['type', 'values', 'eachValue', 'eachKey', 'notEmpty', 'arrayContains'])
const DATE_MATCHERS = new Set(['date', 'time', 'datetime', 'timestamp'])

/** semver.org's own pattern. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/

function invalidRule(rule: MatchingRule, why: string, cause?: unknown): UpcheckError {
  return new UpcheckError(
    'RULE_INVALID',
    `The matching rule ${JSON.stringify(rule)} cannot be applied: ${why}. Fix the rule in the Pact file.`,
    { cause },
  )
}

function compileMatcher(rule: MatchingRule): CompiledMatcher {
  const name = String(rule.match)
  const compiled: CompiledMatcher = { name, rule }
  switch (name) {
    case 'regex':
      if (typeof rule.regex !== 'string') throw invalidRule(rule, 'it has no regex')
      try {
        compiled.pattern = compileRuleRegex(rule.regex)
      } catch (error) {
        throw invalidRule(
          rule,
          `the regex is not valid (${error instanceof Error ? error.message : String(error)})`,
          error,
        )
      }
      compiled.source = rule.regex
      break
    case 'type':
      if (typeof rule.min === 'number') compiled.min = rule.min
      if (typeof rule.max === 'number') compiled.max = rule.max
      break
    case 'include':
    case 'contentType':
      compiled.text = String(rule.value ?? '')
      break
    case 'semver':
      compiled.pattern = SEMVER
      break
    case 'statusCode':
      compiled.status = rule.status
      break
    case 'eachKey':
    case 'eachValue':
      compiled.nested = compileRuleList({
        matchers: Array.isArray(rule.rules) ? rule.rules : [],
        combine: 'AND',
      })
      break
    case 'arrayContains':
      compiled.variants = (rule.variants ?? []).map((v) => ({
        index: v.index,
        rules: compileRuleSet(v.rules ?? {}),
      }))
      break
    case 'equality':
    case 'integer':
    case 'decimal':
    case 'number':
    case 'boolean':
    case 'null':
    case 'values':
    case 'notEmpty':
      break
    default:
      if (DATE_MATCHERS.has(name)) {
        // Pact-JVM writes the format under the matcher's own name (`"date": "yyyy-MM-dd"`).
        const format = rule.format ?? rule[name]
        try {
          compiled.pattern = compileDateFormat(
            typeof format === 'string' ? format : undefined,
            name as DateTimeMatcherName,
          )
        } catch (error) {
          throw invalidRule(
            rule,
            `the format is not valid (${error instanceof Error ? error.message : String(error)})`,
            error,
          )
        }
        compiled.source =
          typeof format === 'string' && format !== ''
            ? format
            : defaultDateFormat(name as DateTimeMatcherName)
        break
      }
      throw invalidRule(rule, `there is no matcher called ${JSON.stringify(name)}`)
  }
  return compiled
}

/** Compiles the matchers at one path. */
export function compileRuleList(list: RuleList): CompiledRuleList {
  const matchers = list.matchers.map(compileMatcher)
  const compiled: CompiledRuleList = {
    matchers,
    combine: list.combine === 'OR' ? 'OR' : 'AND',
    containerOnly: matchers.length > 0 && matchers.every((m) => CONTAINER_ONLY.has(m.name)),
    flexibleArray: matchers.some((m) => FLEXIBLE.has(m.name)),
    values: matchers.some((m) => m.name === 'values' || m.name === 'eachValue'),
  }
  for (const m of matchers) {
    if (m.name === 'eachKey') compiled.eachKey = m
    else if (m.name === 'eachValue') compiled.eachValue = m
    else if (m.name === 'arrayContains') compiled.arrayContains = m
  }
  return compiled
}

/** Compiles body rules keyed by path expression. */
export function compileRuleSet(rules: Record<string, RuleList>): CompiledRuleSet {
  // @note Recorded interactions mostly share their rules (a recorder generalises every body of
  // an endpoint alike), so identical rule sets compile once and share their derived rule
  // states: at 10,000 interactions that is most of the matcher's memory and compile time.
  const key = JSON.stringify(rules)
  const cached = compiledRuleSets.get(key)
  if (cached) return cached
  const set = compileRuleSetUncached(rules)
  if (compiledRuleSets.size >= maxCachedRuleSets) compiledRuleSets.clear()
  compiledRuleSets.set(key, set)
  return set
}

const compiledRuleSets = new Map<string, CompiledRuleSet>()
const maxCachedRuleSets = 1024

function compileRuleSetUncached(rules: Record<string, RuleList>): CompiledRuleSet {
  const compiled: CompiledRule[] = []
  for (const [expression, list] of Object.entries(rules)) {
    let tokens: PathToken[]
    try {
      tokens = parseRulePath(expression)
    } catch (error) {
      throw new UpcheckError(
        'RULE_INVALID',
        `The rule path ${JSON.stringify(expression)} is not valid (${error instanceof Error ? error.message : String(error)}). Write paths like $.items[*].id or $['a b'].`,
        { cause: error },
      )
    }
    compiled.push({ tokens, list: compileRuleList(list), specificity: tokens.length })
  }
  return { rules: compiled }
}

/**
 * The rule eachValue gives the children of the container at `depth`: it weighs as a rule keyed
 * `<that container's path>.*` would, so a rule written for a specific child still wins.
 */
export function syntheticChildRule(
  list: CompiledRuleList,
  depth: number,
): CompiledRule | undefined {
  const nested = list.eachValue?.nested
  if (!nested || nested.matchers.length === 0) return undefined
  list.synthetic ??= new Map()
  let rule = list.synthetic.get(depth)
  if (!rule) {
    rule = { tokens: [], list: nested, specificity: depth + 1 }
    list.synthetic.set(depth, rule)
  }
  return rule
}
