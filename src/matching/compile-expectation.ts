import type { Headers, HttpRequest, HttpResponse, MatchingRules, RuleList } from '../model/index.js'
import { compileRuleList, compileRuleSet, type CompiledRuleList } from './compile-rules.js'
import { isXmlType, parseMediaType } from './content-type.js'
import { prepareExpectedBody, type BodyContext, type ExpectedBody } from './match-body.js'
import { rootStates } from './rule-states.js'

/** Everything about an expected response that does not depend on the actual one. */
export interface CompiledResponse {
  status: number
  statusRules: CompiledRuleList | undefined
  headers: Headers | undefined
  headerRules: ReadonlyMap<string, CompiledRuleList>
  body: ExpectedBody | undefined
  bodyContext: BodyContext
}

/** Everything about an expected request that does not depend on the actual one. */
export interface CompiledRequest {
  request: HttpRequest
  methodRules: CompiledRuleList | undefined
  pathRules: CompiledRuleList | undefined
  queryRules: ReadonlyMap<string, CompiledRuleList>
  headers: Headers | undefined
  headerRules: ReadonlyMap<string, CompiledRuleList>
  body: ExpectedBody | undefined
  bodyContext: BodyContext
}

function singleRule(
  byExpression: Record<string, RuleList> | undefined,
): CompiledRuleList | undefined {
  if (!byExpression) return undefined
  const list = byExpression[''] ?? byExpression['$'] ?? Object.values(byExpression)[0]
  return list ? compileRuleList(list) : undefined
}

/** Rules keyed by name; V4 files sometimes key them as paths (`$.X-Token`, `$['X-Token']`). */
function namedRules(
  byExpression: Record<string, RuleList> | undefined,
  lowerCase: boolean,
): Map<string, CompiledRuleList> {
  const out = new Map<string, CompiledRuleList>()
  for (const [key, list] of Object.entries(byExpression ?? {})) {
    const name = /^\$\['(.*)'\]$/.exec(key)?.[1] ?? /^\$\.(.*)$/.exec(key)?.[1] ?? key
    out.set(lowerCase ? name.toLowerCase() : name, compileRuleList(list))
  }
  return out
}

function headerValue(headers: Headers | undefined, name: string): string | undefined {
  for (const key in headers ?? {}) if (key.toLowerCase() === name) return headers![key]!.join(', ')
  return undefined
}

function bodyParts(
  part: HttpRequest | HttpResponse,
  rules: MatchingRules,
  allowUnexpectedKeys: boolean,
  headerRules: ReadonlyMap<string, CompiledRuleList>,
) {
  const set = compileRuleSet(rules.body ?? {})
  const root = rootStates(set).select()
  const bodyContext: BodyContext = {
    rules: set,
    rootRules: root && !root.cascaded ? root.rule.list : undefined,
    allowUnexpectedKeys,
    contentTypeRuled: headerRules.has('content-type'),
  }
  const body = part.body
    ? prepareExpectedBody(part.body, headerValue(part.headers, 'content-type'))
    : undefined
  return { body, bodyContext }
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
  let compiled = responses.get(expected)
  if (compiled) return compiled
  const rules = expected.matchingRules ?? {}
  const headerRules = namedRules(rules.header, true)
  compiled = {
    status: expected.status,
    statusRules: singleRule(rules.status),
    headers: expected.headers,
    headerRules,
    ...bodyParts(expected, rules, true, headerRules),
  }
  responses.set(expected, compiled)
  return compiled
}

/** Compiles an expected request once; see {@link compileResponse}. */
export function compileRequest(expected: HttpRequest): CompiledRequest {
  let compiled = requests.get(expected)
  if (compiled) return compiled
  const rules = expected.matchingRules ?? {}
  const headerRules = namedRules(rules.header, true)
  compiled = {
    request: expected,
    methodRules: singleRule(rules.method),
    pathRules: singleRule(rules.path),
    queryRules: namedRules(rules.query, false),
    headers: expected.headers,
    headerRules,
    // Pact lets a request carry no key its interaction does not have.
    ...bodyParts(expected, rules, false, headerRules),
  }
  requests.set(expected, compiled)
  return compiled
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
