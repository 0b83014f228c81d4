import { isXmlType, parseMediaType } from '../interactions/content-type.js'
import { joinJsonPath } from '../interactions/json-path.js'
import {
  compileRuleList,
  compileRuleSet,
  type CompiledRuleList,
} from '../interactions/matchers/compile-matcher.js'
import type { ReadLocation } from '../interactions/pact-error.js'
import type {
  Headers,
  HttpRequest,
  HttpResponse,
  MatchingRules,
  RuleCategory,
  RuleList,
} from '../model/index.js'
import { prepareExpectedBody, type BodyContext, type ExpectedBody } from './match-body.js'
import { rootStates } from './rule-states.js'

/** What requests and responses share: headers and body, with their rules. */
export interface CompiledHeadersAndBody {
  headers: Headers | undefined
  headerRules: ReadonlyMap<string, CompiledRuleList>
  body: ExpectedBody | undefined
  bodyContext: BodyContext
}

/** Everything about an expected response that does not depend on the actual one. */
export interface CompiledResponse extends CompiledHeadersAndBody {
  status: number
  statusRules: CompiledRuleList | undefined
}

/** Everything about an expected request that does not depend on the actual one. */
export interface CompiledRequest extends CompiledHeadersAndBody {
  request: HttpRequest
  methodRules: CompiledRuleList | undefined
  pathRules: CompiledRuleList | undefined
  queryRules: ReadonlyMap<string, CompiledRuleList>
}

type Side = 'request' | 'response'

/**
 * Where a category's rules are said to be when one cannot be applied. Rules read from a file
 * were checked, with the file's name, when it was read; only rules built in code get here.
 */
function rulesAt(side: Side, category: RuleCategory): ReadLocation {
  return { file: '<pact>', path: `$.${side}.matchingRules.${category}` }
}

function singleRule(
  byExpression: Record<string, RuleList> | undefined,
  at: ReadLocation,
): CompiledRuleList | undefined {
  if (!byExpression) return undefined
  const key = '' in byExpression ? '' : '$' in byExpression ? '$' : Object.keys(byExpression)[0]
  return key === undefined ? undefined : compileRuleList(byExpression[key], joinAt(at, key))
}

function joinAt(at: ReadLocation, key: string): ReadLocation {
  return key === '' ? at : { file: at.file, path: joinJsonPath(at.path, key) }
}

/** Rules keyed by name; V4 files sometimes key them as paths (`$.X-Token`, `$['X-Token']`). */
function namedRules(
  byExpression: Record<string, RuleList> | undefined,
  lowerCase: boolean,
  at: ReadLocation,
): Map<string, CompiledRuleList> {
  const out = new Map<string, CompiledRuleList>()
  for (const [key, list] of Object.entries(byExpression ?? {})) {
    const name = /^\$\['(.*)'\]$/.exec(key)?.[1] ?? /^\$\.(.*)$/.exec(key)?.[1] ?? key
    out.set(lowerCase ? name.toLowerCase() : name, compileRuleList(list, joinAt(at, key)))
  }
  return out
}

function headerValue(headers: Headers | undefined, name: string): string | undefined {
  for (const key in headers ?? {}) if (key.toLowerCase() === name) return headers![key]!.join(', ')
  return undefined
}

function compileHeadersAndBody(
  part: HttpRequest | HttpResponse,
  side: Side,
  /** Pact lets a request carry no key its interaction does not have; a response may. */
  allowUnexpectedKeys: boolean,
): CompiledHeadersAndBody {
  const { headerRules, bodyContext } = once(
    allowUnexpectedKeys ? responseRuleParts : requestRuleParts,
    part.matchingRules ?? NO_RULES,
    (rules) => {
      const headerRules = namedRules(rules.header, true, rulesAt(side, 'header'))
      const set = compileRuleSet(rules.body ?? {}, rulesAt(side, 'body'))
      const root = rootStates(set).select()
      const bodyContext: BodyContext = {
        rules: set,
        rootRules: root && !root.cascaded ? root.rule.list : undefined,
        allowUnexpectedKeys,
        contentTypeRuled: headerRules.has('content-type'),
      }
      return { headerRules, bodyContext }
    },
  )
  const body = part.body
    ? prepareExpectedBody(part.body, headerValue(part.headers, 'content-type'))
    : undefined
  return { headers: part.headers, headerRules, body, bodyContext }
}

/**
 * What a part's rules compile to, by the rules object: interactions read from one file share
 * identical rules (see `SharedRules`), so 10,000 recorded answers of one endpoint hold one
 * compiled copy, not one each for the whole run.
 */
const responseRuleParts = new WeakMap<MatchingRules, RuleParts>()
const requestRuleParts = new WeakMap<MatchingRules, RuleParts>()
const NO_RULES: MatchingRules = Object.freeze({})
type RuleParts = Pick<CompiledHeadersAndBody, 'headerRules' | 'bodyContext'>

/** `build(key)`, once per key object: the same expectation replayed compiles once. */
function once<K extends object, V>(cache: WeakMap<K, V>, key: K, build: (key: K) => V): V {
  let value = cache.get(key)
  if (value === undefined) {
    value = build(key)
    cache.set(key, value)
  }
  return value
}

const responses = new WeakMap<HttpResponse, CompiledResponse>()
const requests = new WeakMap<HttpRequest, CompiledRequest>()

/**
 * Compiles an expected response once: rule paths parsed, regexes and formats compiled, the
 * body decoded. Cached by object identity, so replaying an interaction many times compiles it
 * once; an expected response must not be mutated after it was first matched.
 * @throws UpcheckError `RULE_INVALID` when a rule cannot be applied.
 */
export function compileResponse(expected: HttpResponse): CompiledResponse {
  return once(responses, expected, () => ({
    status: expected.status,
    statusRules: singleRule(expected.matchingRules?.status, rulesAt('response', 'status')),
    ...compileHeadersAndBody(expected, 'response', true),
  }))
}

/** Compiles an expected request once; see {@link compileResponse}. */
export function compileRequest(expected: HttpRequest): CompiledRequest {
  const rules = expected.matchingRules
  return once(requests, expected, () => ({
    request: expected,
    methodRules: singleRule(rules?.method, rulesAt('request', 'method')),
    pathRules: singleRule(rules?.path, rulesAt('request', 'path')),
    queryRules: namedRules(rules?.query, false, rulesAt('request', 'query')),
    ...compileHeadersAndBody(expected, 'request', false),
  }))
}

/**
 * Why a request or response cannot be matched faithfully yet, or undefined when it can.
 * XML bodies are compared as plain text, which is stricter than Pact; callers report such
 * interactions as skipped instead.
 */
export function findUnsupportedBody(expected: HttpRequest | HttpResponse): string | undefined {
  const body = expected.body
  if (!body) return undefined
  const compiled = 'method' in expected ? compileRequest(expected) : compileResponse(expected)
  if (compiled.body?.kind === 'xml' && !compiled.body.empty) {
    return `XML bodies (${parseMediaType(compiled.body.contentType ?? 'application/xml').base}) are not matched yet`
  }
  if (body.contentType && isXmlType(parseMediaType(body.contentType).base) && !compiled.body?.empty)
    return 'XML bodies are not matched yet'
  return undefined
}
