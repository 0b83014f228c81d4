import { describe, expect, it } from 'vitest'
import { matchResponse } from '../matching/index.js'
import type { HttpRequest, HttpResponse } from '../model/index.js'
import { buildProbeRequest, prepareTarget } from '../probes/index.js'
import { prepareInteraction } from './prepare-interaction.js'
import { createRedactionPolicy } from './redaction-policy.js'

const policy = () => createRedactionPolicy({ secrets: ['env-secret-value'], redactPaths: [] })

function exchange(token: string): { request: HttpRequest; response: HttpResponse } {
  return {
    request: {
      method: 'GET',
      path: '/me',
      query: { access_token: [token] },
      headers: {
        Authorization: [`Bearer ${token}`],
        'X-Request-Id': ['r-1'],
        Accept: ['application/json'],
      },
    },
    response: {
      status: 200,
      headers: {
        'Content-Type': ['application/json'],
        Date: ['Thu, 20 Nov 2026 10:00:00 GMT'],
        ETag: ['"x"'],
        'X-RateLimit-Remaining': ['9'],
        'X-Release': ['v1'],
      },
      body: {
        contentType: 'application/json',
        content: { name: 'Ann', apiKey: 'k-123456789', pin: 1234 },
      },
    },
  }
}

describe('prepareInteraction', () => {
  it('drops volatile headers, keeps an authorization scheme, and names the interaction by its operation', () => {
    const prepared = prepareInteraction(exchange('tok-aaaaaaaaaa'), { policy: policy() })
    expect(prepared.description).toBe('GET /me → 200')
    expect(prepared.request.headers).toEqual({
      Authorization: ['Bearer <redacted>'],
      Accept: ['application/json'],
    })
    expect(prepared.request.query).toEqual({ access_token: ['<redacted>'] })
    expect(prepared.response.headers).toEqual({
      'Content-Type': ['application/json'],
      'X-Release': ['v1'],
    })
  })

  it('gives the same key to requests that differ only in their secrets, so a request finds its own recording', () => {
    const first = prepareInteraction(exchange('tok-aaaaaaaaaa'), { policy: policy() })
    const second = prepareInteraction(exchange('tok-bbbbbbbbbb'), { policy: policy() })
    expect(second.key).toBe(first.key)
    expect(
      prepareInteraction(
        { ...exchange('tok-a'), request: { ...exchange('tok-a').request, path: '/you' } },
        { policy: policy() },
      ).key,
    ).not.toBe(first.key)
  })

  it("replays with the contract's header in place of the placeholder, and the redacted response still matches the real one", () => {
    const prepared = prepareInteraction(exchange('tok-aaaaaaaaaa'), {
      policy: policy(),
      exact: true,
    })
    const target = prepareTarget({
      baseUrl: 'http://127.0.0.1:1/api',
      headers: { authorization: 'Bearer real-token' },
      secrets: [],
    })
    expect(buildProbeRequest(prepared.request, target).headers.authorization).toBe(
      'Bearer real-token',
    )
    // --exact keeps literals, but a redacted value has a type rule: the real answer matches.
    const real = {
      status: 200,
      headers: { 'content-type': 'application/json', 'x-release': 'v1' },
      body: JSON.stringify({ name: 'Ann', apiKey: 'k-987654321', pin: 1234 }),
    }
    expect(matchResponse(prepared.response, real)).toEqual([])
    expect(
      matchResponse(prepared.response, {
        ...real,
        body: JSON.stringify({ name: 'Bob', apiKey: 'k', pin: 1234 }),
      }).map((m) => m.path),
    ).toEqual(['$.name'])
  })
})
