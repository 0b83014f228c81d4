import type { Run, RunEvidence } from '../../src/model/index.js'
import { idBecameString } from './sample-finding.js'

/** A run with `probeCount` probes, every other one failed with a finding. */
export function sampleRun(
  id: string,
  contract: string,
  finishedAt: string,
  status: Run['status'],
  probeCount = 3,
): Run {
  const probes: Run['probes'] = Array.from({ length: probeCount }, (_, i) => {
    const failed = status === 'broken' && i % 2 === 0
    return {
      interaction: `get post ${i}`,
      operation: 'GET /posts/{id}',
      verdict: failed ? 'failed' : 'passed',
      durationMs: 12.5,
      attempts: 1,
      status: 200,
      findings: failed
        ? [
            idBecameString(
              `GET /posts/${i}: $.id was a number when recorded, now a string`,
              `get post ${i}`,
            ),
          ]
        : [],
    }
  })
  const failed = probes.filter((p) => p.verdict === 'failed').length
  return {
    id,
    contract,
    status,
    startedAt: new Date(Date.parse(finishedAt) - 1000).toISOString(),
    finishedAt,
    counts: { total: probeCount, passed: probeCount - failed, failed, skipped: 0, unreachable: 0 },
    probes,
    findings: probes.flatMap((p) => p.findings),
  }
}

/** The evidence of a broken run: one failing exchange with both bodies, one unreachable probe. */
export function sampleEvidence(): RunEvidence {
  return {
    exchanges: [
      {
        probe: 0,
        interaction: 'get post 0',
        operation: 'GET /posts/{id}',
        verdict: 'failed',
        attempts: 1,
        request: {
          method: 'GET',
          url: 'http://127.0.0.1:4017/posts/0',
          headers: { authorization: 'Bearer <redacted>', accept: ['application/json', 'text/*'] },
        },
        response: {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: { text: '{"id":"0"}', encoding: 'utf8', bytes: 10, truncated: false },
        },
      },
      {
        probe: 2,
        interaction: 'get post 2',
        operation: 'GET /posts/{id}',
        verdict: 'unreachable',
        attempts: 3,
        problem: 'timeout: no response headers within 200 ms',
      },
    ],
    omitted: 4,
  }
}
