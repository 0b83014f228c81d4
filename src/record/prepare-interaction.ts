import type { Headers, HttpInteraction, HttpRequest, HttpResponse } from '../model/index.js'
import { describeOperation } from '../runs/index.js'
import { collectNamedSecrets, collectRedactPathValues } from './collect-named-secrets.js'
import { generaliseResponse } from './generalise-response.js'
import { redactRequest, redactResponse } from './redact-interaction.js'
import type { RedactionPolicy } from './redaction-policy.js'
import { computeRequestKey } from './request-key.js'
import { nonEmptyRules } from './set-rule.js'
import { isVolatileRequestHeader, isVolatileResponseHeader } from './volatile-headers.js'

export interface PrepareOptions {
  policy: RedactionPolicy
  /** Keep literal values: no generalising rules (redacted values still get theirs). Default false. */
  exact?: boolean
  /**
   * The interaction recorded before for a request key, if any: a request recorded again is
   * generalised from both answers (a field null in one and not in the other is nullable).
   */
  earlier?: (key: string) => HttpInteraction | undefined
}

/** `GET /posts/{id} → 200`: the operation, by its path template, and the status. */
export function describeExchange(method: string, path: string, status: number): string {
  return `${describeOperation(method, path)} → ${status}`
}

function keepHeaders(
  headers: Headers | undefined,
  drop: (name: string) => boolean,
): Headers | undefined {
  if (!headers) return undefined
  const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => !drop(name)))
  return Object.keys(kept).length > 0 ? kept : undefined
}

function withHeaders<T extends HttpRequest | HttpResponse>(
  part: T,
  headers: Headers | undefined,
): T {
  const out = { ...part }
  if (headers) out.headers = headers
  else delete out.headers
  return out
}

/**
 * Makes a recorded exchange fit to be written: volatile headers dropped, secrets redacted,
 * the response generalised (unless `exact`, or it came with rules of its own, as an imported
 * Pact interaction does), and a key computed from the redacted request, so a request always
 * finds its own recording.
 */
export function prepareInteraction(
  parts: { request: HttpRequest; response: HttpResponse; description?: string },
  options: PrepareOptions,
): HttpInteraction {
  // Learnt first, so a secret sent in the request and echoed in the response is cut from both.
  options.policy.remember([
    ...collectNamedSecrets(parts.request, parts.response),
    ...collectRedactPathValues(parts.request.body, options.policy.isRedactedPath),
    ...collectRedactPathValues(parts.response.body, options.policy.isRedactedPath),
  ])
  const request = redactRequest(
    withHeaders(parts.request, keepHeaders(parts.request.headers, isVolatileRequestHeader)),
    options.policy,
  )
  const hadRules =
    parts.response.matchingRules !== undefined &&
    nonEmptyRules(parts.response.matchingRules) !== undefined
  let response = redactResponse(
    withHeaders(parts.response, keepHeaders(parts.response.headers, isVolatileResponseHeader)),
    options.policy,
  )
  const key = computeRequestKey(request)
  if (!options.exact && !hadRules) {
    const earlier = options.earlier?.(key)?.response
    response = generaliseResponse(response, earlier?.status === response.status ? { earlier } : {})
  }
  return {
    type: 'Synchronous/HTTP',
    description:
      parts.description ?? describeExchange(request.method, request.path, response.status),
    key,
    request,
    response,
  }
}
