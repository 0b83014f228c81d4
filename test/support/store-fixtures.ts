import type { Run } from '../../src/model/index.js'
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
