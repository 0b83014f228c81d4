import type { ContractStatus, Run } from '../model/index.js'

/** What upcheck remembers between runs. SQLite by default (`createSqliteStore`). */
export interface Store {
  /** Writes a finished run, its probes and findings, all or nothing. */
  recordRun(run: Run): void
  /** The latest finished run of a contract, with its probes and findings. */
  latestRun(contract: string): Run | undefined
  /** The finish time of the contract's latest verified run (ISO 8601). */
  lastVerifiedAt(contract: string): string | undefined
  /** The latest run's status and finish time of every contract that has one. */
  listLatest(): { contract: string; status: ContractStatus; finishedAt: string; lastVerifiedAt?: string }[]
  /** Finished runs of a contract, newest first. */
  listRuns(contract: string, limit?: number): Omit<Run, 'probes' | 'findings'>[]
  close(): void
}
