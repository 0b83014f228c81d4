import type { HttpRequest, Mismatch } from '../model/index.js'
import type { ActualRequest } from './actual.js'
import { checkRuleList } from './check-rule-list.js'
import { compileRequest } from './compile-expectation.js'
import { matchHeadersAndBody } from './match-headers-and-body.js'
import { matchQuery } from './match-query.js'

/**
 * Matches a request as received against the recorded one, with Pact V3/V4 semantics: method
 * (any case), path, query, headers, body. Extra headers are allowed; extra query parameters
 * and extra keys in a JSON body are not, as in Pact.
 * @throws UpcheckError `RULE_INVALID` when a rule of the expected request cannot be applied.
 */
export function matchRequest(expected: HttpRequest, actual: ActualRequest): Mismatch[] {
  const compiled = compileRequest(expected)
  const mismatches: Mismatch[] = []
  const method = expected.method.toUpperCase()
  const actualMethod = actual.method.toUpperCase()
  const methodFailure = compiled.methodRules
    ? checkRuleList(compiled.methodRules, method, actualMethod, 'text')[0]
    : undefined
  if (compiled.methodRules ? methodFailure : method !== actualMethod) {
    mismatches.push({
      part: 'method',
      path: 'method',
      expected: method,
      actual: actualMethod,
      rule: methodFailure?.rule ?? 'equality',
      message: `method: expected ${method}, got ${actualMethod}`,
    })
  }
  if (compiled.pathRules) {
    const failure = checkRuleList(compiled.pathRules, expected.path, actual.path, 'text')[0]
    if (failure)
      mismatches.push({
        part: 'path',
        path: 'path',
        expected: failure.expected,
        actual: failure.actual,
        rule: failure.rule,
        message: `path: ${failure.text}`,
      })
  } else if (expected.path !== actual.path) {
    mismatches.push({
      part: 'path',
      path: 'path',
      expected: JSON.stringify(expected.path),
      actual: JSON.stringify(actual.path),
      rule: 'equality',
      message: `path: expected ${JSON.stringify(expected.path)}, got ${JSON.stringify(actual.path)}`,
    })
  }
  matchQuery(expected.query, actual.query, compiled.queryRules, mismatches)
  matchHeadersAndBody(compiled, actual, mismatches)
  return mismatches
}
