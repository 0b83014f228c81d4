import { describe, expect, it, vi } from 'vitest'
import type { HttpInteraction, Mismatch } from '../model/index.js'
import type { ProbeExchange } from '../probes/probe-exchange.js'
import { numberBecameString } from '../../test/support/sample-finding.js'
import { judgeProbe } from './judge-probe.js'

const interaction: HttpInteraction = {
  type: 'Synchronous/HTTP',
  description: 'get post 1',
  request: { method: 'GET', path: '/posts/1' },
  response: { status: 200, body: { contentType: 'application/json', content: { id: 1 } } },
}
const response = (status: number, bodyText = '{"id":1}'): ProbeExchange => ({
  outcome: 'response',
  status,
  headers: { 'content-type': 'application/json' },
  bodyText,
  bodyEncoding: 'utf8',
  bodyBytes: bodyText.length,
  url: 'http://u/posts/1',
  redirects: 0,
  attempts: 1,
  durationMs: 3,
})
const noMismatch = () => [] as Mismatch[]
/** The recorded GET /posts/1 judged against `exchange`, the body matched by `match`. */
const judge = (exchange: ProbeExchange, match: () => Mismatch[] = noMismatch) =>
  judgeProbe(interaction, 'GET /posts/{id}', exchange, match)

describe('judgeProbe', () => {
  it('passes a response the matcher accepts', () => {
    expect(judge(response(200))).toMatchObject({
      verdict: 'passed',
      status: 200,
      findings: [],
    })
  })

  it('passes with a warning a value that turned null where nothing said it may', () => {
    const mismatch: Mismatch = {
      part: 'body',
      path: '$.id',
      expected: 'number',
      actual: 'null',
      rule: 'type',
      message: '$.id: expected a number (like 1), got null',
    }
    const probe = judge(response(200, '{"id":null}'), () => [mismatch])
    expect(probe.verdict).toBe('passed')
    expect(probe.findings).toEqual([expect.objectContaining({ severity: 'warning', path: '$.id' })])
  })

  it('fails with a breaking finding per mismatch, prefixed by the request', () => {
    const mismatch = numberBecameString('$.id', 1)
    const matcher = vi.fn(() => [mismatch])
    const probe = judge(response(200, '{"id":"1"}'), matcher)
    expect(matcher).toHaveBeenCalledWith(
      interaction.response,
      expect.objectContaining({ status: 200, body: '{"id":"1"}' }),
    )
    expect(probe.verdict).toBe('failed')
    expect(probe.findings).toEqual([
      {
        source: 'probe',
        severity: 'breaking',
        interaction: 'get post 1',
        operation: 'GET /posts/{id}',
        path: '$.id',
        expected: 'number',
        actual: 'string',
        message: 'GET /posts/1: $.id: expected a number (like 1), got the string "1"',
      },
    ])
  })

  it('calls a 401 where the recording had 200 unreachable: credentials rejected', () => {
    const probe = judge(response(401))
    expect(probe.verdict).toBe('unreachable')
    expect(probe.findings[0]?.message).toMatch(/credentials rejected \(401\)/)
  })

  it('calls a 404 or 410 where the recording had 200 failed: endpoint gone', () => {
    for (const status of [404, 410]) {
      const probe = judge(response(status))
      expect(probe.verdict).toBe('failed')
      expect(probe.findings[0]).toMatchObject({
        severity: 'breaking',
        expected: '200',
        actual: String(status),
      })
      expect(probe.findings[0]?.message).toMatch(/endpoint gone/)
    }
  })

  it('leaves a recorded 404 to the matcher', () => {
    const gone = { ...interaction, response: { status: 404 } }
    expect(judgeProbe(gone, 'GET /posts/{id}', response(404), noMismatch).verdict).toBe('passed')
  })

  it('says which fault made a probe unreachable', () => {
    const probe = judge({
      outcome: 'unreachable',
      reason: 'timeout',
      detail: 'no response headers within 200 ms',
      attempts: 3,
      durationMs: 200,
      url: 'http://u/posts/1',
    })
    expect(probe).toMatchObject({ verdict: 'unreachable', attempts: 3 })
    expect(probe.findings[0]?.message).toBe(
      'GET /posts/1: unreachable (timeout) after 3 tries: no response headers within 200 ms',
    )
  })

  it('fails a recorded 200 that now redirects to another origin', () => {
    const probe = judge({
      outcome: 'cross-origin-redirect',
      status: 302,
      locationOrigin: 'http://elsewhere',
      location: 'http://elsewhere/login',
      url: 'http://u/posts/1',
      redirects: 0,
      attempts: 1,
      durationMs: 1,
    })
    expect(probe.verdict).toBe('failed')
    expect(probe.findings[0]?.message).toMatch(
      /another origin, http:\/\/elsewhere\/login; not followed/,
    )
  })

  it('calls a body over the cap unreachable, not broken', () => {
    const probe = judge({
      outcome: 'body-too-large',
      status: 200,
      headers: {},
      limitBytes: 10 * 1024 * 1024,
      receivedBytes: 11 * 1024 * 1024,
      url: 'http://u',
      attempts: 1,
      durationMs: 1,
    })
    expect(probe.verdict).toBe('unreachable')
    expect(probe.findings[0]?.message).toMatch(/larger than the 10 MB cap/)
  })

  it('skips without findings', () => {
    expect(
      judge({ outcome: 'skipped', reason: 'unsafe-method', method: 'POST', detail: 'x' }),
    ).toMatchObject({ verdict: 'skipped', findings: [] })
  })
})
