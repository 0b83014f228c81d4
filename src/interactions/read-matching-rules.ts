import type { MatchingRule, MatchingRules, RuleCategory, RuleList } from '../model/index.js'
import { compileDateFormat, type DateTimeMatcherName } from './compile-date-format.js'
import { compileRuleRegex } from './compile-rule-regex.js'
import { joinJsonPath } from './json-path.js'
import { createPactError, type ReadLocation } from './pact-error.js'
import { parseRulePath } from './parse-rule-path.js'

const MATCHERS = new Set([
  'equality',
  'regex',
  'type',
  'include',
  'integer',
  'decimal',
  'number',
  'boolean',
  'null',
  'date',
  'time',
  'timestamp',
  'datetime',
  'contentType',
  'values',
  'arrayContains',
  'eachKey',
  'eachValue',
  'notEmpty',
  'semver',
  'statusCode',
])

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

export const STATUS_CLASSES = [
  'information',
  'success',
  'redirect',
  'clientError',
  'serverError',
  'nonError',
  'error',
] as const

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function ruleError(at: ReadLocation, problem: string, remedy: string, cause?: unknown) {
  return createPactError('RULE_INVALID', at, problem, remedy, cause)
}

function checkCount(rule: Record<string, unknown>, key: 'min' | 'max', at: ReadLocation): void {
  const value = rule[key]
  if (value === undefined) return
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw ruleError(
      { file: at.file, path: joinJsonPath(at.path, key) },
      `${key} is ${JSON.stringify(value)}, not a whole number of items`,
      `Set ${key} to 0 or more, or remove it`,
    )
  }
}

function requireString(
  rule: Record<string, unknown>,
  key: string,
  at: ReadLocation,
  what: string,
): string {
  const value = rule[key]
  if (typeof value !== 'string') {
    throw ruleError(
      { file: at.file, path: joinJsonPath(at.path, key) },
      `a "${String(rule.match)}" rule needs ${what} in "${key}", found ${value === undefined ? 'nothing' : JSON.stringify(value)}`,
      `Add "${key}" to the rule`,
    )
  }
  return value
}

/**
 * Checks one matcher and returns it unchanged (so a rewrite is lossless).
 * Regexes and date formats are compiled once here so a bad one fails when the file is read,
 * naming its place, rather than in the middle of a run.
 */
export function readMatchingRule(input: unknown, at: ReadLocation): MatchingRule {
  if (!isObject(input)) {
    throw ruleError(
      at,
      `a matcher must be an object like {"match": "type"}, found ${JSON.stringify(input)}`,
      'Fix the matcher',
    )
  }
  // Older writers leave out `match` where the other keys imply it, as V2 did; Pact infers it.
  const raw = input.match === undefined ? inferMatch(input) : input
  const match = raw.match
  if (typeof match !== 'string' || !MATCHERS.has(match)) {
    throw ruleError(
      { file: at.file, path: joinJsonPath(at.path, 'match') },
      match === undefined
        ? 'the matcher has no "match" and none of the keys that imply one'
        : `unknown matcher ${JSON.stringify(match)}`,
      `Use one of: ${[...MATCHERS].join(', ')}`,
    )
  }
  switch (match) {
    case 'regex': {
      const regex = requireString(raw, 'regex', at, 'a regular expression')
      try {
        compileRuleRegex(regex)
      } catch (error) {
        const reason =
          error instanceof Error
            ? error.message.replace(/^Invalid regular expression: /, '')
            : String(error)
        throw ruleError(
          { file: at.file, path: joinJsonPath(at.path, 'regex') },
          `the regex ${JSON.stringify(regex)} is not valid (${reason})`,
          'Fix the regular expression',
          error,
        )
      }
      break
    }
    case 'type':
      checkCount(raw, 'min', at)
      checkCount(raw, 'max', at)
      break
    case 'include':
      requireString(raw, 'value', at, 'the text to look for')
      break
    case 'contentType':
      requireString(raw, 'value', at, 'a media type')
      break
    case 'date':
    case 'time':
    case 'datetime':
    case 'timestamp': {
      // Pact-JVM writes the format under the matcher's own name (`"date": "yyyy-MM-dd"`).
      const key = raw.format !== undefined ? 'format' : match in raw ? match : 'format'
      const format = raw[key]
      if (format !== undefined && typeof format !== 'string') {
        throw ruleError(
          { file: at.file, path: joinJsonPath(at.path, key) },
          `the format is ${JSON.stringify(format)}, not a string`,
          `Use a pattern like "yyyy-MM-dd"`,
        )
      }
      try {
        compileDateFormat(format, match as DateTimeMatcherName)
      } catch (error) {
        throw ruleError(
          { file: at.file, path: joinJsonPath(at.path, key) },
          `the ${match} format ${JSON.stringify(format)} is not valid (${error instanceof Error ? error.message : String(error)})`,
          `Use a Java date/time pattern like "yyyy-MM-dd'T'HH:mm:ss"`,
          error,
        )
      }
      break
    }
    case 'statusCode': {
      const status = raw.status
      const valid =
        (typeof status === 'string' && (STATUS_CLASSES as readonly string[]).includes(status)) ||
        (Array.isArray(status) && status.length > 0 && status.every((s) => Number.isInteger(s)))
      if (!valid) {
        throw ruleError(
          { file: at.file, path: joinJsonPath(at.path, 'status') },
          `the status ${JSON.stringify(status)} is neither a status class nor a list of codes`,
          `Use one of ${STATUS_CLASSES.join(', ')}, or a list like [200, 201]`,
        )
      }
      break
    }
    case 'eachKey':
    case 'eachValue': {
      const rules = raw.rules
      if (rules !== undefined) {
        if (!Array.isArray(rules)) {
          throw ruleError(
            { file: at.file, path: joinJsonPath(at.path, 'rules') },
            'the nested rules are not a list',
            'Make "rules" a list of matchers',
          )
        }
        rules.forEach((rule, i) =>
          readMatchingRule(rule, {
            file: at.file,
            path: joinJsonPath(joinJsonPath(at.path, 'rules'), i),
          }),
        )
      }
      break
    }
    case 'arrayContains': {
      const variants = raw.variants
      const variantsAt = { file: at.file, path: joinJsonPath(at.path, 'variants') }
      if (!Array.isArray(variants))
        throw ruleError(
          variantsAt,
          'an arrayContains rule needs a list of "variants"',
          'Add the variants the array must contain',
        )
      variants.forEach((variant, i) => {
        const variantAt = { file: at.file, path: joinJsonPath(variantsAt.path, i) }
        if (
          !isObject(variant) ||
          !Number.isInteger(variant.index) ||
          (variant.index as number) < 0
        ) {
          throw ruleError(
            variantAt,
            'a variant needs an "index" into the expected array',
            'Add the index of the example item',
          )
        }
        if (variant.rules !== undefined)
          readRuleMap(variant.rules, { file: at.file, path: joinJsonPath(variantAt.path, 'rules') })
      })
      break
    }
  }
  return raw as unknown as MatchingRule
}

/** Reads `{matchers: [...], combine}`; a bare matcher object (some V3 writers) is read as a one-matcher list. */
function readRuleList(raw: unknown, at: ReadLocation): RuleList {
  if (!isObject(raw))
    throw ruleError(
      at,
      `expected {"matchers": [...]}, found ${JSON.stringify(raw)}`,
      'Fix the rule',
    )
  if (raw.matchers === undefined && raw.match !== undefined) {
    return { matchers: [readMatchingRule(raw, at)] }
  }
  if (!Array.isArray(raw.matchers)) {
    throw ruleError(
      { file: at.file, path: joinJsonPath(at.path, 'matchers') },
      '"matchers" is missing or not a list',
      'Give the rule a list of matchers',
    )
  }
  const matchersAt = joinJsonPath(at.path, 'matchers')
  const matchers = raw.matchers.map((m, i) =>
    readMatchingRule(m, { file: at.file, path: joinJsonPath(matchersAt, i) }),
  )
  const combine = raw.combine
  if (combine !== undefined && combine !== 'AND' && combine !== 'OR') {
    throw ruleError(
      { file: at.file, path: joinJsonPath(at.path, 'combine') },
      `combine is ${JSON.stringify(combine)}`,
      'Use "AND" or "OR"',
    )
  }
  const list: RuleList = { ...raw, matchers } as RuleList
  return list
}

function checkRulePath(expression: string, at: ReadLocation): void {
  try {
    parseRulePath(expression)
  } catch (error) {
    throw ruleError(
      at,
      `the rule path ${JSON.stringify(expression)} is not valid (${error instanceof Error ? error.message : String(error)})`,
      "Write paths like $.items[*].id or $['a b']",
      error,
    )
  }
}

/** Rules keyed by expression; `paths` says whether keys are body paths (checked) or names. */
function readRuleMap(raw: unknown, at: ReadLocation, paths = true): Record<string, RuleList> {
  if (!isObject(raw))
    throw ruleError(at, 'expected an object of rules keyed by path', 'Fix the rules')
  const out: Record<string, RuleList> = {}
  for (const [key, value] of Object.entries(raw)) {
    const keyAt = { file: at.file, path: joinJsonPath(at.path, key) }
    if (paths) checkRulePath(key, keyAt)
    out[key] = readRuleList(value, keyAt)
  }
  return out
}

/** Reads V3/V4 rules, grouped by category. */
function readCategorisedRules(raw: Record<string, unknown>, at: ReadLocation): MatchingRules {
  const rules: MatchingRules = {}
  for (const [category, value] of Object.entries(raw)) {
    const categoryAt = { file: at.file, path: joinJsonPath(at.path, category) }
    if (!CATEGORIES.has(category as RuleCategory)) {
      throw ruleError(
        categoryAt,
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

/** V2 rules are one matcher per path, often without `match` (`{"regex": …}`, `{"min": 1}`). */
function convertV2Rule(raw: unknown, at: ReadLocation): MatchingRule {
  if (!isObject(raw))
    throw ruleError(
      at,
      `a V2 rule must be an object like {"match": "type"}, found ${JSON.stringify(raw)}`,
      'Fix the rule',
    )
  return readMatchingRule(raw, at)
}

function convertV2Rules(raw: Record<string, unknown>, at: ReadLocation): MatchingRules {
  const rules: MatchingRules = {}
  for (const [key, value] of Object.entries(raw)) {
    const ruleAt = { file: at.file, path: joinJsonPath(at.path, key) }
    const split = splitV2Key(key)
    if (!split) {
      throw ruleError(
        ruleAt,
        `the V2 rule key ${JSON.stringify(key)} names no part of the request or response`,
        'Key V2 rules like "$.body.id", "$.headers.Accept", "$.query.page" or "$.path"',
      )
    }
    const [category, expression] = split
    if (category === 'body') checkRulePath(expression, ruleAt)
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
export function readMatchingRules(raw: unknown, at: ReadLocation): MatchingRules | undefined {
  if (raw === undefined || raw === null) return undefined
  if (!isObject(raw))
    throw ruleError(
      at,
      `matchingRules must be an object, found ${JSON.stringify(raw)}`,
      'Fix or remove matchingRules',
    )
  const keys = Object.keys(raw)
  if (keys.length > 0 && keys.every((k) => k.startsWith('$'))) return convertV2Rules(raw, at)
  return readCategorisedRules(raw, at)
}
