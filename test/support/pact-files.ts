/** Pact V4 files and interactions as a recorder writes them, for suites to build projects from. */

/** A Pact V4 file's content holding `interactions`. */
export function pactV4(
  interactions: unknown[],
  names: { consumer: string; provider: string } = { consumer: 'app', provider: 'api' },
) {
  return {
    consumer: { name: names.consumer },
    provider: { name: names.provider },
    interactions,
    metadata: { pactSpecification: { version: '4.0' } },
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
