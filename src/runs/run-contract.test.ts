import { describe, expect, it, vi } from 'vitest'
import {
  UpcheckError,
  type Finding,
  type HttpInteraction,
  type PactDocument,
  type ProbeResult,
} from '../model/index.js'
import { matchResponse } from '../matching/index.js'
import type { ProbeExchange } from '../probes/probe-exchange.js'
import { runContract, type RunDeps, type RunProbeClient } from './run-contract.js'
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

/** A client that answers the n-th probe with the n-th exchange; probes start in input order. */
function answering(exchanges: ProbeExchange[]): RunProbeClient {
  let next = 0
  return {
    settings: { concurrency: 2, confirm: 0, allowUnsafe: false },
    replay: async () => exchanges[next++]!,
  }
}

function deps(exchanges: ProbeExchange[], overrides: Partial<RunDeps> = {}): RunDeps {
  let t = Date.parse('2026-11-25T08:00:00Z')
  return {
    client: answering(exchanges),
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
  it("tells an upstream's deprecation notices once per operation, as warnings that leave the status alone", async () => {
    const notice = {
      ...(ok(200) as Extract<ProbeExchange, { outcome: 'response' }>),
      headers: {
        deprecation: '@1688169599',
        sunset: 'Sat, 31 Dec 2033 23:59:59 GMT',
        link: '<https://docs.example/sunset>; rel="sunset"',
      },
    }
    const run = await runContract('posts-api', pact, deps([notice, notice]))
    expect(run.status).toBe('verified')
    const operation = describeOperation('GET', '/posts/1')
    expect(describeOperation('GET', '/posts/2')).toBe(operation)
    expect(run.findings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        source: 'probe',
        operation,
        rule: 'upstream-deprecation',
        actual: '2023-06-30T23:59:59Z',
        message: `GET /posts/1: the upstream announces deprecation of ${operation}, effective 2023-06-30T23:59:59Z`,
      }),
      expect.objectContaining({
        rule: 'upstream-sunset',
        message: `GET /posts/1: the upstream announces sunset of ${operation} on 2033-12-31T23:59:59Z; see https://docs.example/sunset`,
      }),
    ])
  })

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
    // @note Probes that answer only on a later turn of the event loop: by then a rejection
    // nobody handles has been reported as unhandled.
    const slow: RunProbeClient = {
      settings: { concurrency: 2, confirm: 0, allowUnsafe: false },
      replay: () => new Promise((resolve) => setImmediate(() => resolve(ok(200)))),
    }
    const failing = deps([], {
      client: slow,
      checkSpec: () =>
        Promise.reject(new UpcheckError('SPEC_UNREADABLE', 'baseline.json: not JSON')),
    })
    await expect(runContract('p', pact, failing)).rejects.toThrow('baseline.json: not JSON')
  })
})

describe('a run that checks nothing', () => {
  const writes: PactDocument = {
    ...pact,
    interactions: [
      http('create', '/posts', 'POST'),
      { type: 'Asynchronous/Messages', description: 'a message', raw: {} },
    ],
  }
  const skipped: ProbeExchange = {
    outcome: 'skipped',
    reason: 'unsafe-method',
    method: 'POST',
    detail: 'POST is not replayed unless probe.allowUnsafe is true',
  }

  it('is unreachable, not verified, when every probe is skipped and there is no spec check, and says why', async () => {
    const run = await runContract('p', writes, deps([skipped]))
    expect(run.status).toBe('unreachable')
    expect(run.counts).toMatchObject({ total: 2, skipped: 2 })
    expect(run.findings).toEqual([
      {
        source: 'probe',
        severity: 'warning',
        message: expect.stringMatching(
          /^Nothing was checked, so this run does not count as verified: all 2 interactions are skipped: 1 POST without probe\.allowUnsafe, 1 message interaction \(only HTTP is replayed\)\. There is no spec check either\./,
        ),
      },
    ])
    // Each skip says why, for the console, latest.json and JUnit.
    expect(run.probes.map((p) => p.skipped)).toEqual([
      { code: 'unsafe-method', reason: skipped.detail },
      {
        code: 'message-interaction',
        reason:
          'a message interaction (Asynchronous/Messages) is not replayed: upcheck replays HTTP interactions only',
      },
    ])
  })

  it('is unreachable when the spec check could not read the live spec either', async () => {
    const run = await runContract(
      'p',
      writes,
      deps([skipped], { checkSpec: async () => ({ findings: [], liveUnreadable: true }) }),
    )
    expect(run.status).toBe('unreachable')
    expect(run.findings[0]?.message).toMatch(/The live spec could not be read either/)
  })

  it('is verified when the spec check compared the live spec, though every probe is skipped', async () => {
    const run = await runContract(
      'p',
      writes,
      deps([skipped], { checkSpec: async () => ({ findings: [] }) }),
    )
    expect(run.status).toBe('verified')
    expect(run.findings).toEqual([])
  })
})

describe('confirmation of failed probes', () => {
  /** A client whose upstream answers each path from a queue of statuses; it logs every probe and every wait. */
  function scripted(script: Record<string, number[]>, confirm: number) {
    const log: string[] = []
    const client: RunProbeClient = {
      settings: { concurrency: 2, confirm, allowUnsafe: false },
      replay: async (interaction) => {
        log.push(interaction.request.path)
        return ok(script[interaction.request.path]!.shift()!)
      },
    }
    const sleep = vi.fn(async (ms: number) => void log.push(`sleep ${ms}`))
    return { client, log, sleep }
  }
  const only = (...paths: string[]): PactDocument => ({
    ...pact,
    interactions: paths.map((path) => http(path, path)),
  })
  const seen = (probes: ProbeResult[]) => probes.map((p) => [p.interaction, p.status])

  it('re-probes only the failed probe, after the delay, and keeps the passing second answer', async () => {
    const { client, log, sleep } = scripted({ '/a': [200], '/b': [500, 200] }, 1)
    const reported: ProbeResult[] = []
    const run = await runContract(
      'p',
      only('/a', '/b'),
      deps([], {
        client,
        matchResponse,
        sleep,
        confirmDelayMs: 1500,
        onProbe: (probe) => reported.push(probe),
      }),
    )
    expect(log).toEqual(['/a', '/b', 'sleep 1500', '/b'])
    expect(sleep).toHaveBeenCalledWith(1500)
    expect(seen(reported)).toEqual([
      ['/a', 200],
      ['/b', 200],
    ])
    expect(run.status).toBe('verified')
  })

  it('counts a failure that happens again on every re-probe', async () => {
    const { client, log, sleep } = scripted({ '/b': [500, 500, 502] }, 2)
    const reported: ProbeResult[] = []
    const run = await runContract(
      'p',
      only('/b'),
      deps([], { client, matchResponse, sleep, onProbe: (probe) => reported.push(probe) }),
    )
    expect(log.filter((line) => line === '/b')).toHaveLength(3)
    expect(seen(reported)).toEqual([['/b', 502]])
    expect(run.probes).toEqual([expect.objectContaining({ status: 502, verdict: 'failed' })])
  })

  describe('evidence', () => {
    const describing = (client: RunProbeClient) => {
      const describeRequest = vi.fn((i: HttpInteraction) => ({
        method: 'GET',
        url: `http://up${i.request.path}`,
        headers: {},
      }))
      return { client: { ...client, describeRequest }, describeRequest }
    }

    it('keeps none of passing probes, and never rebuilds their request', async () => {
      const scriptedClient = scripted({ '/a': [200], '/b': [200] }, 0)
      const { client, describeRequest } = describing(scriptedClient.client)
      const run = await runContract('p', only('/a', '/b'), deps([], { client, matchResponse }))
      expect(run.status).toBe('verified')
      expect(run).not.toHaveProperty('evidence')
      expect(describeRequest).not.toHaveBeenCalled()
    })

    it('keeps the request and answer of the first ten failing probes, and counts the rest', async () => {
      const paths = Array.from({ length: 12 }, (_, i) => `/p${i}`)
      const scriptedClient = scripted(Object.fromEntries(paths.map((p) => [p, [404]])), 0)
      const { client } = describing(scriptedClient.client)
      const run = await runContract('p', only(...paths), deps([], { client, matchResponse }))
      expect(run.status).toBe('broken')
      expect(run.evidence?.omitted).toBe(2)
      expect(run.evidence?.exchanges.map((e) => e.probe)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
      expect(run.evidence?.exchanges[0]).toEqual({
        probe: 0,
        interaction: '/p0',
        operation: 'GET /p0',
        verdict: 'failed',
        attempts: 1,
        request: { method: 'GET', url: 'http://up/p0', headers: {} },
        response: { status: 404, headers: {} },
      })
    })

    it('drops a failure that passes when confirmed, and keeps the confirming answer of one that does not', async () => {
      const { client, sleep } = scripted({ '/a': [500, 200], '/b': [500, 502] }, 1)
      const run = await runContract(
        'p',
        only('/a', '/b'),
        deps([], { client, matchResponse, sleep }),
      )
      expect(run.evidence?.exchanges.map((e) => [e.interaction, e.response?.status])).toEqual([
        ['/b', 502],
      ])
      expect(run.evidence?.exchanges[0]).not.toHaveProperty('request')
    })
  })

  it('probes once when confirm is 0', async () => {
    const { client, log, sleep } = scripted({ '/b': [500] }, 0)
    await runContract('p', only('/b'), deps([], { client, matchResponse, sleep }))
    expect(log).toEqual(['/b'])
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
