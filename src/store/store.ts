import type { ContractStatus, Run } from '../model/index.js'
import type { BaselineAcceptance } from './baseline-acceptance.js'
import type {
  AlertState,
  AlertTransition,
  ClaimOptions,
  DeliveryKey,
  OutboxAlert,
  PendingDelivery,
} from './alert-outbox.js'

/** What upcheck remembers between runs. SQLite by default (`createSqliteStore`). */
export interface Store {
  /**
   * Writes a finished run, its probes and findings, all or nothing. With a transition, the
   * contract's alert state and the alerts the run raises are written in the same transaction:
   * a run is never stored without its alerts, nor an alert without its run.
   * @returns the alerts written.
   */
  recordRun(run: Run, transition?: AlertTransition): OutboxAlert[]
  /** Applies an alert transition that no run raised (a contract going stale), in one transaction. */
  applyAlertTransition(contract: string, transition: AlertTransition): OutboxAlert[]
  /** What the owner of a contract was last told, when anything. */
  alertState(contract: string): AlertState | undefined
  /** A contract's alerts, newest first. */
  listAlerts(contract: string, limit?: number): OutboxAlert[]
  /** Claims pending deliveries for one sender for `leaseMs`, oldest alert first. */
  claimDeliveries(options: ClaimOptions): PendingDelivery[]
  markDelivered(delivery: DeliveryKey, at: string): void
  /** Records a failed attempt: retried from `nextAttemptAt`, or never again when `givenUpAt` is set. */
  markDeliveryFailed(
    delivery: DeliveryKey,
    failure: { error: string; nextAttemptAt: number; givenUpAt?: string },
  ): void
  /** Deliveries neither delivered nor given up. */
  outboxDepth(): number
  /** The latest finished run of a contract, with its probes and findings. */
  latestRun(contract: string): Run | undefined
  /** The finish time of the contract's latest verified run (ISO 8601). */
  lastVerifiedAt(contract: string): string | undefined
  /** The latest run's status and finish time of every contract that has one. */
  listLatest(): {
    contract: string
    status: ContractStatus
    finishedAt: string
    lastVerifiedAt?: string
  }[]
  /** Finished runs of a contract, newest first. */
  listRuns(contract: string, limit?: number): Omit<Run, 'probes' | 'findings'>[]
  recordBaselineAcceptance(acceptance: BaselineAcceptance): void
  /** A contract's baseline acceptances, newest first. */
  listBaselineAcceptances(contract: string): BaselineAcceptance[]
  close(): void
}
