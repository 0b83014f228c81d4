import type { Contract, PactDocument, ProbeResult, Run } from '../model/index.js'
import { UpcheckError } from '../model/index.js'
import { resolveUpstream, type Environment, type ResolvedUpstream } from '../contracts/index.js'
import { realSleep, type ProbeExchange, type Sleep } from '../probes/index.js'
import {
  describeOperation,
  isStale,
  judgeProbe,
  runContract,
  type MatchResponse,
  type RunDeps,
  type SpecCheck,
} from '../runs/index.js'
import type { AlertTransition, OutboxAlert, Store } from '../store/index.js'
import type { ReportEntry } from '../reports/index.js'
import { confirmFailures } from './confirm-failures.js'

/** A replayer bound to one contract's upstream, closed after its run. */
export interface ContractReplayer {
  replay: RunDeps['replay']
  scrub(text: string): string
  close(): Promise<void>
}

/** Hooks for console output and progress; every one optional. */
export interface VerifyReporter {
  onContractBegin?(contract: Contract): void
  onProbe?(contract: Contract, probe: ProbeResult, done: number, total: number): void
  onContractEnd?(entry: ReportEntry): void
  /** After a run is stored, with the alerts it raised (none with alerts off). */
  onRunRecorded?(contract: Contract, run: Run, alerts: OutboxAlert[]): void
  onContractError?(contract: Contract | undefined, error: UpcheckError): void
}

export interface VerifyDeps {
  store: Store
  clock: { now(): number }
  env: Environment
  readPact(file: string): Promise<PactDocument>
  createReplayer(contract: Contract, upstream: ResolvedUpstream): ContractReplayer
  matchResponse: MatchResponse
  createRunId(): string
  /** The spec check of a contract that has `upstream.spec` and a baseline. */
  checkSpec?(contract: Contract, upstream: ResolvedUpstream, pact: PactDocument): Promise<SpecCheck>
  reporter?: VerifyReporter
  /** Contracts verified at once; each contract keeps its own per-upstream ceilings. Default 4. */
  parallelContracts?: number
  /**
   * The alert transition of a run, written in the run's own transaction. Absent: no alert
   * state is kept and no alert raised (`--no-alerts`).
   */
  planAlerts?(contract: Contract, run: Run): AlertTransition
  /** The wait before re-probing a failed probe (`probe.confirm`). Default 1 s. */
  confirmDelayMs?: number
  /** Default a real timer. */
  sleep?: Sleep
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
): Promise<VerifyOutcome> {
  const results: Awaited<ReturnType<typeof verifyOne>>[] = new Array(contracts.length)
  let next = 0
  const worker = async () => {
    while (next < contracts.length) {
      const index = next++
      results[index] = await verifyOne(contracts[index]!, deps)
    }
  }
  await Promise.all(
    Array.from({ length: Math.min(deps.parallelContracts ?? 4, contracts.length) }, worker),
  )
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
): Promise<{ entry: ReportEntry; alerts: OutboxAlert[] } | UpcheckError> {
  deps.reporter?.onContractBegin?.(contract)
  let upstream: ResolvedUpstream
  let pact: PactDocument
  try {
    upstream = resolveUpstream(contract, deps.env)
    pact = await deps.readPact(contract.interactionsFile)
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
  const replayer = deps.createReplayer(contract, upstream)
  // Confirmation judges every exchange to find the failed ones; the run then judges the same
  // exchanges again. Matching is the run's main cost, so each exchange is judged once.
  const judged = new WeakMap<ProbeExchange, ProbeResult>()
  const judge: RunDeps['judge'] = (interaction, operation, exchange, matchResponse) => {
    let result = judged.get(exchange)
    if (!result)
      judged.set(exchange, (result = judgeProbe(interaction, operation, exchange, matchResponse)))
    return result
  }
  try {
    const replay = confirmFailures(replayer.replay, {
      confirm: contract.probe.confirm,
      delayMs: deps.confirmDelayMs ?? 1000,
      sleep: deps.sleep ?? realSleep,
      fails: (interaction, exchange) =>
        judge(
          interaction,
          describeOperation(interaction.request.method, interaction.request.path),
          exchange,
          deps.matchResponse,
        ).verdict === 'failed',
    })
    const run = await runContract(contract.name, pact, {
      replay,
      judge,
      matchResponse: deps.matchResponse,
      clock: deps.clock,
      createRunId: deps.createRunId,
      scrub: replayer.scrub,
      ...(deps.checkSpec && contract.baselineFile && upstream.spec
        ? { checkSpec: () => deps.checkSpec!(contract, upstream, pact) }
        : {}),
      onProbe: (probe, done, total) => deps.reporter?.onProbe?.(contract, probe, done, total),
    })
    const alerts = deps.store.recordRun(run, deps.planAlerts?.(contract, run))
    deps.reporter?.onRunRecorded?.(contract, run, alerts)
    const lastVerifiedAt = deps.store.lastVerifiedAt(contract.name)
    const entry: ReportEntry = {
      name: contract.name,
      owner: contract.owner,
      run,
      lastVerifiedAt,
      stale: isStale(lastVerifiedAt, contract.freshnessMs, deps.clock.now()),
    }
    deps.reporter?.onContractEnd?.(entry)
    return { entry, alerts }
  } catch (error) {
    // A baseline that cannot be read is the user's file to fix: reported like a bad contract.
    if (!(error instanceof UpcheckError)) throw error
    deps.reporter?.onContractError?.(contract, error)
    return error
  } finally {
    await replayer.close()
  }
}
