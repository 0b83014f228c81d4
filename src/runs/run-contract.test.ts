import { describe, expect, it } from 'vitest'
import {
  UpcheckError,
  type Finding,
  type HttpInteraction,
  type PactDocument,
} from '../model/index.js'
import type { ProbeExchange } from '../probes/probe-exchange.js'
import { runContract, type RunDeps } from './run-contract.js'
import { describeOperation } from './describe-operation.js'
import { isStale } from './is-stale.js'

const http = (description: string, path: string, method = 'GET'): HttpInteraction => ({
  type: 'Synchronous/HTTP',
  description,
  request: { method, path },
  response: { status: 200 },
})
const pact: PactDocument = {
  consumer: 'c',
  provider: 'p',
  specVersion: '4.0',
  metadata: {},
  interactions: [
    http('one', '/posts/1'),
    http('two', '/posts/2'),
    { type: 'Asynchronous/Messages', description: 'a message', raw: {} },
  ],
}
const ok = (status: number, bodyText = ''): ProbeExchange => ({
  outcome: 'response',
  status,
  headers: {},
  bodyText,
  bodyEncoding: 'utf8',
  bodyBytes: 0,
  url: 'u',
  redirects: 0,
  attempts: 1,
  durationMs: 1,
})

function deps(exchanges: ProbeExchange[], overrides: Partial<RunDeps> = {}): RunDeps {
  let t = Date.parse('2026-11-25T08:00:00Z')
  return {
    async replay(interactions, onExchange) {
      interactions.forEach((_, i) => onExchange?.(i, exchanges[i]!))
    },
    matchResponse: (expected, actual) =>
      String(actual.body).includes('SECRET')
        ? [
            {
              part: 'body',
              path: '$.token',
              expected: 'x',
              actual: String(actual.body),
              rule: 'equality',
              message: `$.token: got ${String(actual.body)}`,
            },
          ]
        : [],
    clock: { now: () => (t += 500) },
    createRunId: () => 'run-1',
    scrub: (text) => text.replaceAll('SECRET', '[redacted]'),
    ...overrides,
  }
}

describe('runContract', () => {
  it('is verified when every HTTP probe passes, and counts message interactions as skipped', async () => {
    const run = await runContract('posts-api', pact, deps([ok(200), ok(200)]))
    expect(run).toMatchObject({
      id: 'run-1',
      contract: 'posts-api',
      status: 'verified',
      startedAt: '2026-11-25T08:00:00.500Z',
      finishedAt: '2026-11-25T08:00:01.000Z',
    })
    expect(run.counts).toEqual({ total: 3, passed: 2, failed: 0, skipped: 1, unreachable: 0 })
  })

  it('is broken when one probe fails even if another is unreachable', async () => {
    const run = await runContract(
      'posts-api',
      pact,
      deps([
        ok(410),
        {
          outcome: 'unreachable',
          reason: 'timeout',
          detail: 'd',
          attempts: 3,
          durationMs: 1,
          url: 'u',
        },
      ]),
    )
    expect(run.status).toBe('broken')
    expect(run.counts).toMatchObject({ failed: 1, unreachable: 1 })
  })

  it('is unreachable when no probe fails and one is unreachable', async () => {
    const run = await runContract('posts-api', pact, deps([ok(200), ok(401)]))
    expect(run.status).toBe('unreachable')
  })

  it('scrubs secrets the upstream echoed back out of every finding', async () => {
    const run = await runContract('posts-api', pact, deps([ok(200, 'token SECRET'), ok(200)]))
    expect(run.status).toBe('broken')
    expect(JSON.stringify(run)).not.toContain('SECRET')
  })

  it('is broken by a breaking spec change that affects the interactions, not by one elsewhere', async () => {
    const spec = (affects: boolean): Finding => ({
      source: 'spec',
      severity: 'breaking',
      rule: 'response-property-removed',
      affectsInteractions: affects,
      message: 'm',
    })
    expect(
      (
        await runContract(
          'p',
          pact,
          deps([ok(200), ok(200)], { checkSpec: async () => ({ findings: [spec(false)] }) }),
        )
      ).status,
    ).toBe('verified')
    const broken = await runContract(
      'p',
      pact,
      deps([ok(200), ok(200)], { checkSpec: async () => ({ findings: [spec(true)] }) }),
    )
    expect(broken.status).toBe('broken')
    expect(broken.findings).toHaveLength(1)
  })
})

describe('a spec check that fails', () => {
  it('rejects the run with its error, even when it fails long before the probes end', async () => {
    const slowReplay: RunDeps['replay'] = async (interactions, onExchange) => {
      await new Promise((resolve) => setTimeout(resolve, 50))
      interactions.forEach((_, i) => onExchange?.(i, ok(200)))
    }
    const failing = deps([], {
      replay: slowReplay,
      checkSpec: () =>
        Promise.reject(new UpcheckError('SPEC_UNREADABLE', 'baseline.json: not JSON')),
    })
    await expect(runContract('p', pact, failing)).rejects.toThrow('baseline.json: not JSON')
  })
})

describe('operation names from the pinned spec', () => {
  it("renames probes and their findings by the baseline's templates where it has them", async () => {
    const slugs: PactDocument = {
      ...pact,
      interactions: [http('by slug', '/posts/hello-world'), http('other', '/health')],
    }
    const run = await runContract(
      'p',
      slugs,
      deps([ok(410), ok(200)], {
        checkSpec: async () => ({
          findings: [],
          nameOperation: (i) =>
            i.request.path.startsWith('/posts/') ? 'GET /posts/{slug}' : undefined,
        }),
      }),
    )
    expect(run.probes.map((p) => p.operation)).toEqual(['GET /posts/{slug}', 'GET /health'])
    expect(run.findings[0]?.operation).toBe('GET /posts/{slug}')
  })
})

describe('describeOperation', () => {
  it('turns id-like segments into {id}', () => {
    expect(describeOperation('get', '/posts/1')).toBe('GET /posts/{id}')
    expect(describeOperation('GET', '/v1/customers/cus_9s6XKzkNRiz8i3/cards')).toBe(
      'GET /v1/customers/{id}/cards',
    )
    expect(describeOperation('GET', '/users/3fa85f64-5717-4562-b3fc-2c963f66afa6')).toBe(
      'GET /users/{id}',
    )
    expect(describeOperation('GET', '/posts/latest')).toBe('GET /posts/latest')
    expect(describeOperation('GET', '/')).toBe('GET /')
  })
})

describe('isStale', () => {
  it('is stale with no verified run or one older than the freshness window', () => {
    const now = Date.parse('2026-11-25T08:00:00Z')
    expect(isStale(undefined, 1000, now)).toBe(true)
    expect(isStale('2026-11-25T07:59:59.500Z', 1000, now)).toBe(false)
    expect(isStale('2026-11-25T07:59:58.000Z', 1000, now)).toBe(true)
  })
})
