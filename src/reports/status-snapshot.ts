import type { Contract, ContractStatus, FleetStatus, Finding, Run } from '../model/index.js'
import { isStale } from '../runs/index.js'
import type { Store } from '../store/index.js'
import type { PendingHandoff } from './latest-report.js'

/** One contract as `upcheck status`, the daemon's status page, `/status.json` and the metrics show it. */
export interface ContractStatusRow {
  name: string
  owner: string
  status: ContractStatus | 'never run'
  /** ISO 8601, or null when never verified. */
  lastVerifiedAt: string | null
  /** The latest run's finish time, or null. */
  lastRunAt: string | null
  stale: boolean
  freshness: string
  /** The cron expression, or null when the daemon does not run this contract. */
  schedule: string | null
  /** A run is going (or waiting its turn) right now. */
  running: boolean
  /** The latest run's findings, at most {@link MAX_SHOWN_FINDINGS} unless asked for more. */
  findings: Finding[]
  findingCount: number
  /** Present while an owner change waits for the new owner to accept it. */
  handoff?: PendingHandoff
}

export interface StatusSnapshot {
  generatedAt: string
  contracts: ContractStatusRow[]
  /** Contract files that could not be loaded. */
  errors: { file?: string; code: string; message: string }[]
  outbox: { pending: number }
  /** The workers sharing the store, when the daemon is one of them. */
  fleet?: FleetStatus
}

export const MAX_SHOWN_FINDINGS = 10

/** Reads what the store knows of each contract, as of `now`. */
export async function buildStatusSnapshot(input: {
  contracts: readonly Contract[]
  errors: readonly { code: string; message: string; location?: { file?: string } }[]
  store: Store
  now: number
  busy: ReadonlySet<string>
  /** Read each latest run's findings. Default true; the metrics do without. */
  withFindings?: boolean
  /** Findings kept per contract. Default {@link MAX_SHOWN_FINDINGS}. */
  maxFindings?: number
  /**
   * Runs just made, still in memory: a contract's latest run found here is not read back from
   * the store (a run of 10,000 probes takes ~200 ms of CPU to read).
   */
  freshRuns?: readonly Run[]
}): Promise<StatusSnapshot> {
  const latest = new Map((await input.store.listLatest()).map((row) => [row.contract, row]))
  const handoffs = new Map(
    (await input.store.listPendingHandoffs()).map((h) => [
      h.contract,
      { from: h.fromOwner, to: h.toOwner, since: h.startedAt },
    ]),
  )
  const contracts: ContractStatusRow[] = []
  for (const contract of input.contracts) {
    const row = latest.get(contract.name)
    const fresh = input.freshRuns?.find(
      (run) => run.contract === contract.name && run.finishedAt === row?.finishedAt,
    )
    const findings =
      row && input.withFindings !== false
        ? ((fresh ?? (await input.store.latestRun(contract.name)))?.findings ?? [])
        : []
    contracts.push({
      name: contract.name,
      owner: contract.owner,
      status: row?.status ?? 'never run',
      lastVerifiedAt: row?.lastVerifiedAt ?? null,
      lastRunAt: row?.finishedAt ?? null,
      stale: isStale(row?.lastVerifiedAt, contract.freshnessMs, input.now),
      freshness: contract.freshness,
      schedule: contract.schedule ?? null,
      running: input.busy.has(contract.name),
      findings: findings.slice(0, input.maxFindings ?? MAX_SHOWN_FINDINGS),
      findingCount: findings.length,
      ...(handoffs.has(contract.name) && { handoff: handoffs.get(contract.name)! }),
    })
  }
  return {
    generatedAt: new Date(input.now).toISOString(),
    contracts,
    errors: input.errors.map((e) => ({
      ...(e.location?.file ? { file: e.location.file } : {}),
      code: e.code,
      message: e.message,
    })),
    outbox: { pending: await input.store.outboxDepth() },
  }
}
