/**
 * The paths entry `GET /posts/{id}` (an integer path parameter) answering 200 with a JSON body
 * of `schema`: the one operation most CLI suites' OpenAPI documents are built around.
 */
export function getPostById(schema: object) {
  return {
    '/posts/{id}': {
      get: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema } } },
        },
      },
    },
  }
}

/** The paths entry `GET <path>` answering 200 with a JSON body of `schema`. */
export function getAnswering(path: string, schema: object) {
  return {
    [path]: {
      get: {
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema } } },
        },
      },
    },
  }
}
