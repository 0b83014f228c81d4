/** Pact V4 files and interactions as a recorder writes them, for suites to build projects from. */

/** A Pact file's content holding `interactions`: V4 between `app` and `api` unless told otherwise. */
export function pactDocument(
  interactions: unknown[],
  options: { version?: string; consumer?: string; provider?: string } = {},
) {
  return {
    consumer: { name: options.consumer ?? 'app' },
    provider: { name: options.provider ?? 'api' },
    interactions,
    metadata: { pactSpecification: { version: options.version ?? '4.0' } },
  }
}

/** A V4 HTTP interaction answered 200 with the JSON `body`, whose body rules are `bodyRules`. */
export function jsonInteraction(
  description: string,
  path: string,
  body: unknown,
  bodyRules: Record<string, unknown>,
  method = 'GET',
) {
  return {
    type: 'Synchronous/HTTP',
    description,
    request: { method, path },
    response: {
      status: 200,
      headers: { 'Content-Type': ['application/json'] },
      body: { contentType: 'application/json', encoded: false, content: body },
      matchingRules: { body: bodyRules },
    },
  }
}

/** A V4 HTTP interaction whose response body is type-matched from the root. */
export function typedInteraction(description: string, path: string, body: unknown, method = 'GET') {
  return jsonInteraction(
    description,
    path,
    body,
    { $: { combine: 'AND', matchers: [{ match: 'type' }] } },
    method,
  )
}
