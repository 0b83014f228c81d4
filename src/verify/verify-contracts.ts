import type { Clock } from '../model/index.js'
import type { Contract, PactDocument, ProbeResult, Run } from '../model/index.js'
import { UpcheckError, formatLocation } from '../model/index.js'
import {
  locateField,
  resolveUpstream,
  type Environment,
  type ResolvedUpstream,
  type TokenAuth,
} from '../contracts/index.js'
import type { BaselineRules, LoadedSpec } from '../diff/index.js'
import { forEachConcurrently, type ProbeClient, type UpstreamCredentials } from '../probes/index.js'
import { createSecretScrubber } from '../text/index.js'
import {
  createBaselineJudge,
  explainNothingToCheck,
  isStale,
  runContract,
  type MatchResponse,
  type SpecCheck,
} from '../runs/index.js'
import type { AlertTransition, BuildReceipt, Handoff, OutboxAlert } from '../model/index.js'
import type { Store } from '../store/index.js'
import type { ReportEntry } from '../reports/index.js'

/** Hooks for console output and progress; every one optional. */
export interface VerifyReporter {
  onContractBegin?(contract: Contract): void
  onProbe?(contract: Contract, probe: ProbeResult, done: number, total: number): void
  onContractEnd?(entry: ReportEntry): void
  /** After a run is stored, with the alerts it raised (none with alerts off). */
  onRunRecorded?(contract: Contract, run: Run, alerts: OutboxAlert[]): void
  onContractError?(contract: Contract | undefined, error: UpcheckError): void
}

/** A resolved upstream with the credentials that fetch its tokens, when it has `upstream.auth`. */
export type AuthorizedUpstream = ResolvedUpstream & { credentials?: UpstreamCredentials }

export interface VerifyDeps {
  store: Store
  clock: Clock
  env: Environment
  readPact(file: string): Promise<PactDocument>
  /** The client that sends one contract's probes; closed after its run. */
  createProbeClient(contract: Contract, upstream: AuthorizedUpstream): ProbeClient
  /**
   * The credentials of a contract whose `upstream.auth` needs a token at run time, cached
   * per contract across runs. Absent: such a contract fails with `AUTH_FAILED`.
   */
  credentialsFor?(contract: Contract, auth: TokenAuth): UpstreamCredentials
  matchResponse: MatchResponse
  createRunId(): string
  /**
   * Loads a contract's pinned baseline, once per run: the probes' judge and the spec check
   * share it. Absent: baselines are not read (and no spec check runs).
   */
  loadBaseline?(contract: Contract, upstream: AuthorizedUpstream): Promise<LoadedBaseline>
  /** The spec check of a contract that has `upstream.spec` and a baseline. */
  checkSpec?(
    contract: Contract,
    upstream: AuthorizedUpstream,
    pact: PactDocument,
    baseline: LoadedSpec,
  ): Promise<SpecCheck>
  reporter?: VerifyReporter
  /** Contracts verified at once; each contract keeps its own per-upstream ceilings. Default 4. */
  parallelContracts?: number
  /**
   * The alert transition of a run, written in the run's own transaction; `handoff` is the
   * contract's pending one, whose old owner is alerted too. Absent: no alert state is kept and
   * no alert raised (`--no-alerts`).
   */
  planAlerts?(contract: Contract, run: Run, handoff?: Handoff): AlertTransition
  /**
   * The signed receipt of a run, appended to the contract's chain in the run's own
   * transaction. Absent: no receipt is written.
   */
  receiptFor?(contract: Contract, run: Run): Promise<BuildReceipt>
  /** The machine and process that run the contracts, recorded with each run. */
  worker?: { host: string; pid: number }
}

export interface VerifyOptions {
  /** The cron slot the daemon fires these runs for (ISO 8601); a plain verify has none. */
  slot?: string
}

/** A pinned baseline as loaded for one run: the document, and its rules for the judge. */
export interface LoadedBaseline {
  spec: LoadedSpec
  rules: BaselineRules
}

export interface VerifyOutcome {
  /** One entry per contract that ran, in the order given. */
  entries: ReportEntry[]
  /** Contracts that could not run: unreadable Pact file, unset variable. */
  errors: UpcheckError[]
  /** The alerts the runs raised, now in the outbox. */
  alerts: OutboxAlert[]
}

/**
 * Runs each contract once, records each run as soon as it finishes, and returns what the
 * reports need. One contract's failure to load never stops the others.
 */
export async function verifyContracts(
  contracts: readonly Contract[],
  deps: VerifyDeps,
  options: VerifyOptions = {},
): Promise<VerifyOutcome> {
  const results: Awaited<ReturnType<typeof verifyOne>>[] = new Array(contracts.length)
  await forEachConcurrently(contracts, deps.parallelContracts ?? 4, async (contract, index) => {
    results[index] = await verifyOne(contract, deps, options)
  })
  const entries: ReportEntry[] = []
  const errors: UpcheckError[] = []
  const alerts: OutboxAlert[] = []
  for (const result of results) {
    if (result instanceof UpcheckError) errors.push(result)
    else {
      entries.push(result.entry)
      alerts.push(...result.alerts)
    }
  }
  return { entries, errors, alerts }
}

async function verifyOne(
  contract: Contract,
  deps: VerifyDeps,
  options: VerifyOptions,
): Promise<{ entry: ReportEntry; alerts: OutboxAlert[] } | UpcheckError> {
  deps.reporter?.onContractBegin?.(contract)
  let upstream: AuthorizedUpstream
  let pact: PactDocument
  let checksSpec: boolean
  try {
    upstream = await authorizeUpstream(contract, resolveUpstream(contract, deps.env), deps)
    pact = await deps.readPact(contract.interactionsFile)
    checksSpec =
      deps.checkSpec !== undefined &&
      deps.loadBaseline !== undefined &&
      !!contract.baselineFile &&
      !!upstream.spec
    if (!checksSpec) refuseNothingToCheck(contract, pact)
  } catch (error) {
    const failure =
      error instanceof UpcheckError
        ? error
        : new UpcheckError(
            'INTERNAL',
            `Failed to prepare ${contract.name}: ${(error as Error).message}`,
            { cause: error },
          )
    deps.reporter?.onContractError?.(contract, failure)
    return failure
  }
  const client = deps.createProbeClient(contract, upstream)
  try {
    // @note Loaded before the probes: their judge needs it, and a baseline that cannot be
    // read is the user's file to fix, reported like a bad contract.
    const baseline =
      deps.loadBaseline && contract.baselineFile
        ? await deps.loadBaseline(contract, upstream)
        : undefined
    const judged = await runContract(contract.name, pact, {
      client,
      matchResponse: deps.matchResponse,
      ...(baseline && { baseline: createBaselineJudge(baseline.rules) }),
      clock: deps.clock,
      createRunId: deps.createRunId,
      scrub: scrubUpstreamSecrets(upstream),
      ...(checksSpec && baseline
        ? { checkSpec: () => deps.checkSpec!(contract, upstream, pact, baseline.spec) }
        : baseline
          ? // No live spec to check, but the baseline still names the operations.
            {
              checkSpec: async () => ({
                findings: [],
                nameOperation: baseline.rules.nameOperation,
              }),
            }
          : {}),
      onProbe: (probe, done, total) => deps.reporter?.onProbe?.(contract, probe, done, total),
    })
    const run: Run = {
      ...judged,
      ...(options.slot !== undefined && { slot: options.slot }),
      ...deps.worker,
    }
    const receipt = await deps.receiptFor?.(contract, run)
    const handoff = await deps.store.pendingHandoff(contract.name)
    const alerts = await deps.store.recordRun(
      run,
      deps.planAlerts?.(contract, run, handoff),
      receipt,
    )
    deps.reporter?.onRunRecorded?.(contract, run, alerts)
    const lastVerifiedAt = await deps.store.lastVerifiedAt(contract.name)
    const entry: ReportEntry = {
      name: contract.name,
      owner: contract.owner,
      run,
      lastVerifiedAt,
      stale: isStale(lastVerifiedAt, contract.freshnessMs, deps.clock.now()),
      ...(handoff && {
        handoff: { from: handoff.fromOwner, to: handoff.toOwner, since: handoff.startedAt },
      }),
    }
    deps.reporter?.onContractEnd?.(entry)
    return { entry, alerts }
  } catch (error) {
    // A baseline that cannot be read is the user's file to fix: reported like a bad contract.
    // Anything else is still this contract's failure alone: the others run and are reported.
    const failure =
      error instanceof UpcheckError
        ? error
        : new UpcheckError(
            'INTERNAL',
            `${contract.name}: the run failed (${(error as Error)?.message ?? String(error)}). This is a bug in upcheck; please report it with the contract's files.`,
            { cause: error, location: { file: contract.file } },
          )
    deps.reporter?.onContractError?.(contract, failure)
    return failure
  } finally {
    await client.close()
  }
}

/**
 * Attaches the contract's credentials and fetches the first token now, so an auth server that
 * refuses is reported before any probe, like a bad contract, not as an upstream fault.
 */
async function authorizeUpstream(
  contract: Contract,
  upstream: ResolvedUpstream,
  deps: Pick<VerifyDeps, 'credentialsFor'>,
): Promise<AuthorizedUpstream> {
  if (!upstream.auth) return upstream
  if (!deps.credentialsFor)
    throw new UpcheckError('AUTH_FAILED', `${contract.name}: upstream.auth is not supported here.`)
  const credentials = deps.credentialsFor(contract, upstream.auth)
  await credentials.current()
  return { ...upstream, credentials }
}

/** Scrubs the environment's values and every token the credentials have handed out so far. */
function scrubUpstreamSecrets(upstream: AuthorizedUpstream): (text: string) => string {
  let scrubber = createSecretScrubber(upstream.secrets)
  const { credentials } = upstream
  if (!credentials) return scrubber.scrub
  return (text) => {
    scrubber = scrubber.including(credentials.secrets())
    return scrubber.scrub(text)
  }
}

/**
 * A contract whose run could never check anything is the user's file to fix, like a bad
 * Pact file: without this it would be verified every time, whatever the upstream does.
 */
export function refuseNothingToCheck(contract: Contract, pact: PactDocument): void {
  const why = explainNothingToCheck(pact.interactions, contract.probe, 'none')
  if (why === undefined) return
  const where = locateField(contract, ['interactions'])
  throw new UpcheckError(
    'CONTRACT_INVALID',
    `${formatLocation(where)}: interactions: nothing to check: ${why}`,
    { location: where },
  )
}
