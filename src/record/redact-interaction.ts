import type { HttpRequest, HttpResponse, MatchingRules } from '../model/index.js'
import { redactBody } from './redact-body.js'
import { redactHeaders } from './redact-headers.js'
import { redactQuery } from './redact-query.js'
import type { RedactionPolicy } from './redaction-policy.js'
import { copyRules, nonEmptyRules, setRule, TYPE_RULE } from './set-rule.js'

/**
 * A request with every secret replaced (headers, path, query, body). Each replaced value gets
 * a type rule, so the recording still says what kind of value stood there. The probe sends the
 * contract's own headers in place of the redacted ones.
 */
export function redactRequest(request: HttpRequest, policy: RedactionPolicy): HttpRequest {
  const rules = copyRules(request.matchingRules)
  const out: HttpRequest = { ...request, path: policy.scrub(request.path) }
  if (request.query) {
    const { query, names } = redactQuery(request.query, policy)
    out.query = query
    for (const name of names) setRule(rules, 'query', name, [TYPE_RULE])
  }
  applyHeadersAndBody(out, request, policy, rules)
  const kept = nonEmptyRules(rules)
  if (kept) out.matchingRules = kept
  else delete out.matchingRules
  return out
}

/** A response with secret-named headers and body fields, `redact:` paths and secret values replaced. */
export function redactResponse(response: HttpResponse, policy: RedactionPolicy): HttpResponse {
  const rules = copyRules(response.matchingRules)
  const out: HttpResponse = { ...response }
  applyHeadersAndBody(out, response, policy, rules)
  const kept = nonEmptyRules(rules)
  if (kept) out.matchingRules = kept
  else delete out.matchingRules
  return out
}

function applyHeadersAndBody(
  out: HttpRequest | HttpResponse,
  part: HttpRequest | HttpResponse,
  policy: RedactionPolicy,
  rules: MatchingRules,
): void {
  if (part.headers) {
    const { headers, names } = redactHeaders(part.headers, policy)
    out.headers = headers
    for (const name of names) setRule(rules, 'header', name, [TYPE_RULE])
  }
  if (part.body) {
    const { body, paths } = redactBody(part.body, policy)
    out.body = body
    for (const path of paths) setRule(rules, 'body', path, [TYPE_RULE])
  }
}
