import type { ContractStatus, Finding, InteractionCounts, Run } from '../model/index.js'

/** `reports/latest.json`: a promise to users, see DESIGN.md. Add fields; never rename one. */
export interface LatestReport {
  generatedAt: string
  contracts: ContractReport[]
  /** Contracts that could not be loaded or run: the file, the stable code and the message. */
  errors: { file?: string; code: string; message: string }[]
}

export interface ContractReport {
  name: string
  owner: string
  status: ContractStatus
  lastVerifiedAt: string | null
  stale: boolean
  run: { id: string; startedAt: string; finishedAt: string }
  interactions: InteractionCounts
  findings: Finding[]
}

export interface ReportEntry {
  name: string
  owner: string
  run: Run
  lastVerifiedAt: string | undefined
  stale: boolean
}

export function buildLatestReport(
  entries: readonly ReportEntry[],
  errors: LatestReport['errors'],
  generatedAt: Date,
): LatestReport {
  return {
    generatedAt: generatedAt.toISOString(),
    contracts: entries.map((e) => ({
      name: e.name,
      owner: e.owner,
      status: e.run.status,
      lastVerifiedAt: e.lastVerifiedAt ?? null,
      stale: e.stale,
      run: { id: e.run.id, startedAt: e.run.startedAt, finishedAt: e.run.finishedAt },
      interactions: { ...e.run.counts },
      findings: e.run.findings,
    })),
    errors,
  }
}
