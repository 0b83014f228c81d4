import type { Clock } from '../model/index.js'
import type {
  Finding,
  HttpInteraction,
  PactDocument,
  ProbeResult,
  ProbeSettings,
  Run,
  SentRequest,
} from '../model/index.js'
import { isHttpInteraction } from '../model/index.js'
import { forEachConcurrently } from '../probes/for-each-concurrently.js'
import { realSleep, type Sleep } from '../probes/probe-deps.js'
import type { ProbeExchange } from '../probes/probe-exchange.js'
import { countVerdicts, decideStatus } from './contract-status.js'
import { describeOperation } from './describe-operation.js'
import { explainNothingToCheck } from './explain-nothing-to-check.js'
import type { SpecCheck } from './check-spec.js'
import { DEPRECATION_RULES, judgeProbe, type MatchResponse } from './judge-probe.js'
import type { BaselineJudge } from './weigh-against-baseline.js'
import { escapeControlBytes } from './escape-control-bytes.js'
import {
  captureExchange,
  createEvidenceKeeper,
  isFailing,
  type EvidenceKeeper,
} from './keep-evidence.js'

/** Sends the probes of one contract: its `ProbeClient`, which holds its concurrency, rate limit and retries. */
export interface RunProbeClient {
  /** Sends one probe; never rejects for an upstream fault. */
  replay(interaction: HttpInteraction): Promise<ProbeExchange>
  /** The request `replay` sends, scrubbed, for a failing probe's evidence; absent, evidence shows no request. */
  describeRequest?(interaction: HttpInteraction): SentRequest
  readonly settings: Pick<ProbeSettings, 'concurrency' | 'confirm' | 'allowUnsafe'>
}

/** The side effects of one run, wired by the caller. */
export interface RunDeps {
  client: RunProbeClient
  matchResponse: MatchResponse
  /** The pinned baseline's judge, when the contract has a baseline: allowed differences are drift. */
  baseline?: BaselineJudge
  clock: Clock
  createRunId(): string
  /** Removes the upstream's secrets from a string; every string of the run passes through it. */
  scrub(text: string): string
  /** The spec check, when the contract has one: findings with `source: 'spec'`, and operation names. */
  checkSpec?(): Promise<SpecCheck>
  /** Called as each probe gets its final verdict, for progress output. */
  onProbe?(probe: ProbeResult, done: number, total: number): void
  /** The wait before re-probing failed probes (`probe.confirm`), so a blip has passed. Default 1 s. */
  confirmDelayMs?: number
  /** Default a real timer. */
  sleep?: Sleep
}

/**
 * One run of one contract: its probes and its spec check, judged into a status. A failed
 * probe is re-probed after a short delay, up to `probe.confirm` times; it counts as failed
 * only if it fails every time, and the last answer stands, so one flaky response never
 * pages anyone.
 */
export async function runContract(
  contractName: string,
  pact: PactDocument,
  deps: RunDeps,
): Promise<Run> {
  const startedAt = deps.clock.now()
  const http = pact.interactions.filter(isHttpInteraction)
  const total = pact.interactions.length
  const specPromise: Promise<SpecCheck> = deps.checkSpec?.() ?? Promise.resolve({ findings: [] })
  // @note The spec check runs while the probes do and is awaited after them. Without a handler
  // now, a baseline that fails to load early is an unhandled rejection, which ends the process.
  specPromise.catch(() => {})
  let done = 0
  const evidence = createEvidenceKeeper()
  const judged = await probeAll(http, deps, evidence, (probe) =>
    deps.onProbe?.(probe, ++done, total),
  )
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
      skipped: {
        code: 'message-interaction',
        reason: `a message interaction (${i.type}) is not replayed: upcheck replays HTTP interactions only`,
      },
    }))
  const spec = await specPromise
  const probes = [
    ...tellNoticesOnce(
      spec.nameOperation ? nameOperations(judged, http, spec.nameOperation) : judged,
    ),
    ...messages,
  ]
  const specFindings = spec.findings.map((f) => scrubFinding(f, deps.scrub))
  const counts = countVerdicts(probes)
  // @note A run with no probe verdict and no spec compared checked nothing: it must not
  // count as verified, or it would refresh "last verified" with the upstream down.
  const checkedNothing =
    counts.skipped === counts.total &&
    (deps.checkSpec === undefined || spec.liveUnreadable === true)
  const status = checkedNothing ? 'unreachable' : decideStatus(counts, specFindings)
  // @note The HTTP probes come first in `probes`, in interaction order: the keeper's indexes.
  const kept = status === 'verified' ? undefined : evidence.collect(probes)
  return {
    id: deps.createRunId(),
    contract: contractName,
    status,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(deps.clock.now()).toISOString(),
    counts,
    probes,
    findings: [
      ...probes.flatMap((p) => p.findings),
      ...specFindings,
      ...(checkedNothing
        ? [describeNothingChecked(pact, deps.client.settings, deps.checkSpec !== undefined)]
        : []),
    ],
    ...(kept && kept.exchanges.length > 0 && { evidence: kept }),
  }
}

/**
 * Sends the probes and judges each exchange once, with at most twice the client's
 * concurrency asked for at a time (so a probe sleeping before a retry leaves no slot idle).
 * Failed probes are re-probed (confirmed) before their verdict is final. Each final,
 * scrubbed verdict goes to `onVerdict` as soon as it is known; the verdicts returned are in
 * input order.
 */
async function probeAll(
  http: readonly HttpInteraction[],
  deps: RunDeps,
  evidence: EvidenceKeeper,
  onVerdict: (probe: ProbeResult) => void,
): Promise<ProbeResult[]> {
  const { client } = deps
  const slots = client.settings.concurrency * 2
  const confirm = client.settings.confirm
  const operations = http.map((i) => describeOperation(i.request.method, i.request.path))
  const judged: ProbeResult[] = new Array(http.length)
  const probe = async (index: number): Promise<ProbeResult> => {
    const interaction = http[index]!
    const exchange = await client.replay(interaction)
    const result = judgeProbe(
      interaction,
      operations[index]!,
      exchange,
      deps.matchResponse,
      deps.baseline,
    )
    // Only a failing probe's exchange is kept, and only the last one of a confirmed failure.
    if (isFailing(result))
      evidence.keep(index, () =>
        captureExchange(exchange, client.describeRequest?.(interaction), deps.scrub),
      )
    else evidence.drop(index)
    return result
  }
  const settle = (index: number, result: ProbeResult): void => {
    judged[index] = scrubProbe(result, deps.scrub)
    onVerdict(judged[index])
  }
  // Failed probes wait for confirmation, in the order they failed; only their verdicts are
  // kept, and the excerpts of a few exchanges, so a run's memory stays flat.
  const held: number[] = []
  await forEachConcurrently(http, slots, async (_, index) => {
    const result = await probe(index)
    if (confirm > 0 && result.verdict === 'failed') {
      judged[index] = result
      held.push(index)
    } else settle(index, result)
  })
  let suspects = [...held].sort((a, b) => a - b)
  for (let round = 0; round < confirm && suspects.length > 0; round++) {
    await (deps.sleep ?? realSleep)(deps.confirmDelayMs ?? 1000)
    await forEachConcurrently(suspects, slots, async (index) => {
      judged[index] = await probe(index)
    })
    suspects = suspects.filter((index) => judged[index]!.verdict === 'failed')
  }
  for (const index of held) settle(index, judged[index]!)
  return judged
}

function describeNothingChecked(
  pact: PactDocument,
  settings: RunProbeClient['settings'],
  hasSpecCheck: boolean,
): Finding {
  const why =
    explainNothingToCheck(pact.interactions, settings, hasSpecCheck ? 'unreadable' : 'none') ??
    'every probe was skipped.'
  return {
    source: 'probe',
    severity: 'warning',
    message: `Nothing was checked, so this run does not count as verified: ${why}`,
  }
}

const noticeRules = new Set<string>(Object.values(DEPRECATION_RULES))

/**
 * Keeps the upstream's deprecation and sunset notices once per operation: every probe of a
 * deprecated operation carries the same headers, and a hundred copies would bury the news.
 */
function tellNoticesOnce(probes: ProbeResult[]): ProbeResult[] {
  const told = new Set<string>()
  return probes.map((probe) => {
    if (!probe.findings.some((f) => f.rule !== undefined && noticeRules.has(f.rule))) return probe
    const findings = probe.findings.filter((f) => {
      if (f.rule === undefined || !noticeRules.has(f.rule)) return true
      const key = `${f.operation ?? probe.operation}\n${f.rule}`
      if (told.has(key)) return false
      told.add(key)
      return true
    })
    return findings.length === probe.findings.length ? probe : { ...probe, findings }
  })
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
    interaction: escapeControlBytes(scrub(probe.interaction)),
    findings: probe.findings.map((f) => scrubFinding(f, scrub)),
  }
}

/** Secrets out and control bytes escaped: the one place finding text is made safe for every report. */
function scrubFinding(finding: Finding, scrub: (text: string) => string): Finding {
  const clean = (text: string) => escapeControlBytes(scrub(text))
  const out: Finding = { ...finding, message: clean(finding.message) }
  for (const key of ['interaction', 'operation', 'path', 'expected', 'actual'] as const) {
    const value = finding[key]
    if (value !== undefined) out[key] = clean(value)
  }
  return out
}
