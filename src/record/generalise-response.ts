import type { HttpResponse, MatchingRule, MatchingRules } from '../model/index.js'
import { isJsonContentType } from '../interactions/index.js'
import { copyRules, setRule, TYPE_RULE } from './set-rule.js'
import { generaliseBody, nullablePaths, type GeneralisedBody } from './generalise-body.js'
import { parseJson } from '../text/index.js'

/** Evidence from before: the same request's earlier recording. */
export interface GeneraliseOptions {
  /** The response recorded earlier for the same request, generalised then; its evidence is kept. */
  earlier?: HttpResponse
}

/**
 * Turns a literal recorded response into one that tomorrow's data still matches: the body is
 * type-matched from the root, non-empty arrays must stay non-empty, UUIDs, dates, date-times
 * and URLs must keep their shape. The status stays exact, and so does the Content-Type's media
 * type (its parameters may change); every other header must be present, with any value. Rules
 * already on the response (a redacted field's) win. The body is generalised from all the
 * evidence there is, this response's and an earlier recording's of the same request: see
 * {@link generaliseBody}.
 */
export function generaliseResponse(
  response: HttpResponse,
  options: GeneraliseOptions = {},
): HttpResponse {
  const rules = copyRules(response.matchingRules)
  let body = response.body
  if (body !== undefined && body.encoded !== 'base64') {
    if (
      typeof body.content !== 'string' ||
      isJsonContentType(body.contentType) ||
      body.encoded === 'json'
    ) {
      const asText = body.encoded === 'json' && typeof body.content === 'string'
      const value = asText ? parseJson(body.content as string) : body.content
      const generalised = generaliseBody(value, readEarlier(options.earlier))
      addBodyRules(generalised, rules)
      if (generalised.dropped.length > 0 || generalised.nullable.length > 0)
        body = {
          ...body,
          content: asText ? JSON.stringify(generalised.example) : generalised.example,
        }
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
  if (Object.keys(rules).length === 0) return response
  return body === response.body
    ? { ...response, matchingRules: rules }
    : { ...response, body: body!, matchingRules: rules }
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

/** Puts the generalised body's rules in, leaving alone paths that have rules already (a redacted field's). */
function addBodyRules(generalised: GeneralisedBody, rules: MatchingRules): void {
  for (const [path, matchers] of Object.entries(generalised.rules)) {
    if (path === '$' && matchers.length === 1 && matchers[0] === TYPE_RULE) {
      setIfAbsent(rules, 'body', '$', matchers)
      continue
    }
    if (path !== '$' && rules.body?.[path] !== undefined) continue
    setRule(rules, 'body', path, matchers)
    // "Its type, or null": either matcher will do.
    if (matchers.some((m) => m.match === 'null')) rules.body![path]!.combine = 'OR'
  }
}

/** An earlier recording's example body and the paths its rules made nullable, when it is JSON. */
function readEarlier(
  earlier: HttpResponse | undefined,
): { example: unknown; nullable: string[] }[] {
  const body = earlier?.body
  if (body === undefined || body.encoded === 'base64') return []
  if (typeof body.content === 'string' && !(body.encoded === 'json'))
    if (!isJsonContentType(body.contentType)) return []
  let example: unknown = body.content
  if (typeof example === 'string') {
    try {
      example = parseJson(example)
    } catch {
      return []
    }
  }
  return [{ example, nullable: nullablePaths(earlier!.matchingRules) }]
}
