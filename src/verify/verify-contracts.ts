import type { Contract, Finding, PactDocument, ProbeResult } from '../model/index.js'
import { UpcheckError } from '../model/index.js'
import { resolveUpstream, type Environment, type ResolvedUpstream } from '../contracts/index.js'
import { isStale, runContract, type MatchResponse, type RunDeps } from '../runs/index.js'
import type { Store } from '../store/index.js'
import type { ReportEntry } from '../reports/index.js'

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
  checkSpec?(contract: Contract, upstream: ResolvedUpstream, pact: PactDocument): Promise<Finding[]>
  reporter?: VerifyReporter
  /** Contracts verified at once; each contract keeps its own per-upstream ceilings. Default 4. */
  parallelContracts?: number
}

export interface VerifyOutcome {
  /** One entry per contract that ran, in the order given. */
  entries: ReportEntry[]
  /** Contracts that could not run: unreadable Pact file, unset variable. */
  errors: UpcheckError[]
}

/**
 * Runs each contract once, records each run as soon as it finishes, and returns what the
 * reports need. One contract's failure to load never stops the others.
 */
export async function verifyContracts(contracts: readonly Contract[], deps: VerifyDeps): Promise<VerifyOutcome> {
  const results: (ReportEntry | UpcheckError)[] = new Array(contracts.length)
  let next = 0
  const worker = async () => {
    while (next < contracts.length) {
      const index = next++
      results[index] = await verifyOne(contracts[index]!, deps)
    }
  }
  await Promise.all(Array.from({ length: Math.min(deps.parallelContracts ?? 4, contracts.length) }, worker))
  const entries: ReportEntry[] = []
  const errors: UpcheckError[] = []
  for (const result of results) (result instanceof UpcheckError ? errors : entries).push(result as never)
  return { entries, errors }
}

async function verifyOne(contract: Contract, deps: VerifyDeps): Promise<ReportEntry | UpcheckError> {
  deps.reporter?.onContractBegin?.(contract)
  let upstream: ResolvedUpstream
  let pact: PactDocument
  try {
    upstream = resolveUpstream(contract, deps.env)
    pact = await deps.readPact(contract.interactionsFile)
  } catch (error) {
    const failure = error instanceof UpcheckError ? error : new UpcheckError('INTERNAL', `Failed to prepare ${contract.name}: ${(error as Error).message}`, { cause: error })
    deps.reporter?.onContractError?.(contract, failure)
    return failure
  }
  const replayer = deps.createReplayer(contract, upstream)
  try {
    const run = await runContract(contract.name, pact, {
      replay: replayer.replay,
      matchResponse: deps.matchResponse,
      clock: deps.clock,
      createRunId: deps.createRunId,
      scrub: replayer.scrub,
      ...(deps.checkSpec && contract.baselineFile && upstream.spec ? { checkSpec: () => deps.checkSpec!(contract, upstream, pact) } : {}),
      onProbe: (probe, done, total) => deps.reporter?.onProbe?.(contract, probe, done, total),
    })
    deps.store.recordRun(run)
    const lastVerifiedAt = deps.store.lastVerifiedAt(contract.name)
    const entry: ReportEntry = { name: contract.name, owner: contract.owner, run, lastVerifiedAt, stale: isStale(lastVerifiedAt, contract.freshnessMs, deps.clock.now()) }
    deps.reporter?.onContractEnd?.(entry)
    return entry
  } finally {
    await replayer.close()
  }
}
