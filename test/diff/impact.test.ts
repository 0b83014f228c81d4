import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { diffSpecs } from '../../src/diff/diff-specs.js'
import type { LoadedSpec } from '../../src/diff/loaded-spec.js'
import { loadSpec } from '../../src/diff/load/load-spec.js'
import type { HttpInteraction } from '../../src/model/interaction.js'
import { completeDocument, diffDocuments } from './document-helpers.js'

const fixture = (name: string) =>
  fileURLToPath(new URL(`./fixtures/impact/${name}`, import.meta.url))

function interaction(
  method: string,
  path: string,
  status: number,
  bodies: { request?: unknown; response?: unknown } = {},
): HttpInteraction {
  const [pathname, search] = path.split('?')
  return {
    type: 'Synchronous/HTTP',
    description: `${method} ${path}`,
    request: {
      method,
      path: pathname as string,
      ...(search
        ? { query: Object.fromEntries([...new URLSearchParams(search)].map(([k, v]) => [k, [v]])) }
        : {}),
      ...(bodies.request !== undefined
        ? { body: { contentType: 'application/json', content: bodies.request } }
        : {}),
    },
    response: {
      status,
      ...(bodies.response !== undefined
        ? { body: { contentType: 'application/json', content: bodies.response } }
        : {}),
    },
  }
}

describe('impact on recorded interactions', () => {
  let base: LoadedSpec
  let revision: LoadedSpec
  beforeAll(async () => {
    base = await loadSpec(fixture('base.yaml'))
    revision = await loadSpec(fixture('revision.yaml'))
  })

  const affects = (interactions: HttpInteraction[]) => {
    const result = diffSpecs(base, revision, { interactions })
    return Object.fromEntries(
      result.changes.map((change) => [
        `${change.operation} ${change.rule} ${change.message}`,
        change.affectsInteractions,
      ]),
    )
  }

  it('leaves affectsInteractions out when no interactions are given', () => {
    expect(
      diffSpecs(base, revision).changes.every((change) => !('affectsInteractions' in change)),
    ).toBe(true)
  })

  it('marks a removed response field only when a recorded response holds it', () => {
    const seen = affects([
      interaction('GET', '/v1/pets/42', 200, {
        response: { id: 42, name: 'Rex', owner: { email: 'a@example.com' } },
      }),
    ])
    expect(
      seen[
        'GET /pets/{petId} response-property-removed response 200 (application/json): property owner.email removed'
      ],
    ).toBe(true)
    expect(
      seen[
        'GET /pets/{petId} response-property-optional-removed response 200 (application/json): optional property nickname removed'
      ],
    ).toBe(false)
    expect(
      seen[
        'GET /pets/{petId} response-property-became-nullable response 200 (application/json), owner.phone: became nullable'
      ],
    ).toBe(false)
  })

  it('ignores changes to responses of another status than the recorded one', () => {
    const seen = affects([interaction('GET', '/v1/pets/42', 200, { response: { id: 42 } })])
    expect(
      seen[
        'GET /pets/{petId} response-property-type-changed response 404 (application/json), code: type changed from string to integer'
      ],
    ).toBe(false)
    const notFound = affects([
      interaction('GET', '/v1/pets/42', 404, { response: { code: 'gone' } }),
    ])
    expect(
      notFound[
        'GET /pets/{petId} response-property-type-changed response 404 (application/json), code: type changed from string to integer'
      ],
    ).toBe(true)
  })

  it('marks a new required request field when the client sends the object at all', () => {
    const seen = affects([interaction('POST', '/v1/pets', 201, { request: { name: 'Rex' } })])
    expect(
      seen[
        'POST /pets request-property-added-required request body (application/json): required property species added'
      ],
    ).toBe(true)
    expect(
      seen[
        'POST /pets request-property-max-decreased request body (application/json), tags[]: maxLength lowered from 20 to 10'
      ],
    ).toBe(false)
    const tagged = affects([
      interaction('POST', '/v1/pets', 201, { request: { name: 'Rex', tags: ['good'] } }),
    ])
    expect(
      tagged[
        'POST /pets request-property-max-decreased request body (application/json), tags[]: maxLength lowered from 20 to 10'
      ],
    ).toBe(true)
  })

  it('marks a parameter change only when the recorded request sends that parameter', () => {
    const key =
      'GET /pets/{petId} request-parameter-enum-value-removed query parameter size: enum values removed: "large"'
    expect(affects([interaction('GET', '/v1/pets/42', 200)])[key]).toBe(false)
    expect(affects([interaction('GET', '/v1/pets/42?size=large', 200)])[key]).toBe(true)
  })

  it('marks a removed operation only when an interaction calls it', () => {
    expect(
      affects([interaction('GET', '/v1/pets/42', 200)])[
        'GET /orders endpoint-removed operation removed without deprecation'
      ],
    ).toBe(false)
    expect(
      affects([interaction('GET', '/v1/orders', 200)])[
        'GET /orders endpoint-removed operation removed without deprecation'
      ],
    ).toBe(true)
  })

  it('matches recordings made against a base URL that already holds the server prefix', () => {
    expect(
      affects([interaction('GET', '/orders', 200)])[
        'GET /orders endpoint-removed operation removed without deprecation'
      ],
    ).toBe(true)
  })

  it('matches no operation for a request to another method or path', () => {
    const seen = affects([
      interaction('DELETE', '/v1/pets/42', 204),
      interaction('GET', '/v2/other', 200),
    ])
    expect(Object.values(seen).every((value) => value === false)).toBe(true)
  })

  it('reads the field paths of a form-encoded request body', () => {
    const form = (cardSchema: unknown) =>
      completeDocument({
        paths: {
          '/charges': {
            post: {
              requestBody: {
                content: {
                  'application/x-www-form-urlencoded': {
                    schema: {
                      type: 'object',
                      properties: { amount: { type: 'integer' }, card: cardSchema },
                    },
                  },
                },
              },
            },
          },
        },
      })
    const base = form({ type: 'object', properties: { cvc: { type: 'string' } } })
    const revision = form({ type: 'object', properties: { cvc: { type: 'string', maxLength: 3 } } })
    const recorded = (body: string) => ({
      ...interaction('POST', '/charges', 200),
      request: {
        method: 'POST',
        path: '/charges',
        body: { contentType: 'application/x-www-form-urlencoded', content: body },
      },
    })
    const [withCvc] = diffDocuments(base, revision, {
      interactions: [recorded('amount=100&card[cvc]=123')],
    }).changes
    const [withoutCvc] = diffDocuments(base, revision, {
      interactions: [recorded('amount=100')],
    }).changes
    expect(withCvc).toMatchObject({ rule: 'request-property-max-added', affectsInteractions: true })
    expect(withoutCvc).toMatchObject({
      rule: 'request-property-max-added',
      affectsInteractions: false,
    })
  })
})
