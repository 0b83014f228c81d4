import type {
  ContractStatus,
  Finding,
  InteractionCounts,
  ProbeResult,
  Run,
} from '../model/index.js'

/** `reports/latest.json`: a promise to users, see DESIGN.md. Add fields; never rename one. */
export interface LatestReport {
  /**
   * The shape's version, for scripts reading `--json` or latest.json: raised only when a field
   * changes meaning or goes away, never for an added field.
   */
  schemaVersion: typeof LATEST_REPORT_SCHEMA_VERSION
  generatedAt: string
  contracts: ContractReport[]
  /** Contracts that could not be loaded or run: the file, the stable code and the message. */
  errors: { file?: string; code: string; message: string }[]
}

/** See `LatestReport.schemaVersion`. */
export const LATEST_REPORT_SCHEMA_VERSION = 1

export interface ContractReport {
  name: string
  owner: string
  status: ContractStatus
  lastVerifiedAt: string | null
  stale: boolean
  run: { id: string; startedAt: string; finishedAt: string }
  interactions: InteractionCounts
  /** One result per interaction, in the Pact file's order; a skipped one says why. */
  probes: ProbeReport[]
  findings: Finding[]
  /** Present while an owner change waits for the new owner to accept it. */
  handoff?: PendingHandoff
}

/**
 * A pending handoff as reports, `status --json` and the status page show it: `owner` is
 * already `to`; `since` is when the edit was seen (ISO 8601).
 */
export interface PendingHandoff {
  from: string
  to: string
  since: string
}

/** One interaction's result in the report: its findings are in `ContractReport.findings`. */
export type ProbeReport = Omit<ProbeResult, 'findings'>

export interface ReportEntry {
  name: string
  owner: string
  run: Run
  lastVerifiedAt: string | undefined
  stale: boolean
  handoff?: PendingHandoff
}

export function buildLatestReport(
  entries: readonly ReportEntry[],
  errors: LatestReport['errors'],
  generatedAt: Date,
): LatestReport {
  return {
    schemaVersion: LATEST_REPORT_SCHEMA_VERSION,
    generatedAt: generatedAt.toISOString(),
    contracts: entries.map((e) => ({
      name: e.name,
      owner: e.owner,
      status: e.run.status,
      lastVerifiedAt: e.lastVerifiedAt ?? null,
      stale: e.stale,
      run: { id: e.run.id, startedAt: e.run.startedAt, finishedAt: e.run.finishedAt },
      interactions: { ...e.run.counts },
      probes: e.run.probes.map(({ findings: _, ...probe }) => probe),
      findings: e.run.findings,
      ...(e.handoff && { handoff: { ...e.handoff } }),
    })),
    errors,
  }
}
