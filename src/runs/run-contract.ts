import type { Finding, HttpInteraction, PactDocument, ProbeResult, Run } from '../model/index.js'
import { isHttpInteraction } from '../model/index.js'
import type { ProbeExchange } from '../probes/probe-exchange.js'
import { countVerdicts, decideStatus } from './contract-status.js'
import { describeOperation } from './describe-operation.js'
import type { SpecCheck } from './check-spec.js'
import { judgeProbe, type MatchResponse } from './judge-probe.js'

/** The side effects of one run, wired by the caller. */
export interface RunDeps {
  /** Replays the interactions against the upstream, calling `onExchange` as each probe ends. */
  replay(
    interactions: readonly HttpInteraction[],
    onExchange?: (index: number, exchange: ProbeExchange) => void,
  ): Promise<void>
  matchResponse: MatchResponse
  /** Judges one exchange; default `judgeProbe`. Passed in so a caller that already judged an exchange reuses the verdict. */
  judge?: typeof judgeProbe
  clock: { now(): number }
  createRunId(): string
  /** Removes the upstream's secrets from a string; every string of the run passes through it. */
  scrub(text: string): string
  /** The spec check, when the contract has one: findings with `source: 'spec'`, and operation names. */
  checkSpec?(): Promise<SpecCheck>
  /** Called as each probe gets its verdict, for progress output. */
  onProbe?(probe: ProbeResult, done: number, total: number): void
}

/** One run of one contract: its probes and its spec check, judged into a status. */
export async function runContract(
  contractName: string,
  pact: PactDocument,
  deps: RunDeps,
): Promise<Run> {
  const startedAt = deps.clock.now()
  const http = pact.interactions.filter(isHttpInteraction)
  const operations = http.map((i) => describeOperation(i.request.method, i.request.path))
  const total = pact.interactions.length
  let done = 0
  const judged: ProbeResult[] = new Array(http.length)
  const specPromise: Promise<SpecCheck> = deps.checkSpec?.() ?? Promise.resolve({ findings: [] })
  // @note The spec check runs while the probes do and is awaited after them. Without a handler
  // now, a baseline that fails to load early is an unhandled rejection, which ends the process.
  specPromise.catch(() => {})
  await deps.replay(http, (index, exchange) => {
    const probe = scrubProbe(
      (deps.judge ?? judgeProbe)(http[index]!, operations[index]!, exchange, deps.matchResponse),
      deps.scrub,
    )
    judged[index] = probe
    deps.onProbe?.(probe, ++done, total)
  })
  // Message interactions are kept in the Pact file but upcheck replays HTTP only.
  const messages: ProbeResult[] = pact.interactions
    .filter((i) => !isHttpInteraction(i))
    .map((i) => ({
      interaction: i.description,
      operation: i.type,
      verdict: 'skipped',
      durationMs: 0,
      attempts: 0,
      findings: [],
    }))
  const spec = await specPromise
  const probes = [
    ...(spec.nameOperation ? nameOperations(judged, http, spec.nameOperation) : judged),
    ...messages,
  ]
  const specFindings = spec.findings.map((f) => scrubFinding(f, deps.scrub))
  const counts = countVerdicts(probes)
  return {
    id: deps.createRunId(),
    contract: contractName,
    status: decideStatus(counts, specFindings),
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(deps.clock.now()).toISOString(),
    counts,
    probes,
    findings: [...probes.flatMap((p) => p.findings), ...specFindings],
  }
}

/** Renames probes (and their findings) by the operations of the pinned spec, where it has them. */
function nameOperations(
  probes: ProbeResult[],
  interactions: readonly HttpInteraction[],
  nameOperation: (i: HttpInteraction) => string | undefined,
): ProbeResult[] {
  return probes.map((probe, index) => {
    const operation = nameOperation(interactions[index]!)
    if (!operation || operation === probe.operation) return probe
    return { ...probe, operation, findings: probe.findings.map((f) => ({ ...f, operation })) }
  })
}

function scrubProbe(probe: ProbeResult, scrub: (text: string) => string): ProbeResult {
  if (probe.findings.length === 0) return probe
  return {
    ...probe,
    interaction: scrub(probe.interaction),
    findings: probe.findings.map((f) => scrubFinding(f, scrub)),
  }
}

function scrubFinding(finding: Finding, scrub: (text: string) => string): Finding {
  const out: Finding = { ...finding, message: scrub(finding.message) }
  for (const key of ['interaction', 'operation', 'path', 'expected', 'actual'] as const) {
    const value = finding[key]
    if (value !== undefined) out[key] = scrub(value)
  }
  return out
}
