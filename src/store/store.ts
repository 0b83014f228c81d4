import type {
  AlertState,
  AlertTransition,
  BaselineAcceptance,
  BuildReceipt,
  ClaimOptions,
  ContractStatus,
  DeliveryKey,
  Handoff,
  KnownContract,
  OutboxAlert,
  OwnerChange,
  PendingDelivery,
  Run,
  StoredReceipt,
  ReceiptLink,
  ClaimOutcome,
  SlotClaim,
  SlotClaimRequest,
  SlotKey,
  SlotStatus,
  WorkerBeat,
  WorkerRecord,
} from '../model/index.js'
import type { NeutralRow, StoreTable } from './store-tables.js'

/**
 * What upcheck remembers between runs: one contract for every engine (SQLite by default,
 * PostgreSQL for many workers), checked by the shared suite in `test/store/describe-store.ts`.
 * Every method is async so a networked engine fits behind the same interface; the concerns
 * below are separate interfaces so a caller can ask for only the one it uses.
 * @note Callbacks taken by write methods (an alert transition, a receipt builder) run inside
 * the write transaction after the rows they depend on were read there: they must be
 * synchronous and pure, so that two workers writing at once see one another's results.
 */
export interface Store
  extends
    RunStore,
    AlertStore,
    BaselineStore,
    ReceiptStore,
    HandoffStore,
    TransferStore,
    FleetStore {
  close(): Promise<void>
}

/** Runs with their probes and findings, and what is derived from them. */
export interface RunStore {
  /**
   * Writes a finished run, its probes and findings, all or nothing. With a transition, the
   * contract's alert state and the alerts the run raises are written in the same transaction:
   * a run is never stored without its alerts, nor an alert without its run. With a receipt
   * builder, the run's receipt is appended to the contract's chain in that transaction too.
   * @returns the alerts written.
   */
  recordRun(run: Run, transition?: AlertTransition, receipt?: BuildReceipt): Promise<OutboxAlert[]>
  /** The latest finished run of a contract, with its probes and findings. */
  latestRun(contract: string): Promise<Run | undefined>
  /** The finish time of the contract's latest verified run (ISO 8601). */
  lastVerifiedAt(contract: string): Promise<string | undefined>
  /** The latest run's status and finish time of every contract that has one. */
  listLatest(): Promise<LatestRun[]>
  /** Finished runs of a contract, newest first. */
  listRuns(contract: string, limit?: number): Promise<RunSummary[]>
  /**
   * The finish time of the first broken run since the contract was last verified (ISO 8601):
   * how long it has been red, however many unreachable runs came between. `undefined` when no
   * run broke since then.
   */
  brokenSince(contract: string): Promise<string | undefined>
  /**
   * Deletes up to `limit` runs (with their probes and findings) that finished before `before`,
   * oldest first, in one transaction. Always kept: each contract's latest run and latest
   * verified run (status and "last verified" come from them), runs that an alert still being
   * delivered or the open incident's alert refers to. Receipts are never pruned.
   * @returns how many runs were deleted; fewer than `limit` means none is left to prune.
   */
  pruneRuns(options: { before: string; limit: number }): Promise<number>
  /**
   * One run of a contract with its probes, findings and evidence, and the receipt written
   * with it when there is one; `undefined` when the contract has no run of that id.
   */
  readRun(contract: string, id: string): Promise<RunRecord | undefined>
}

/** A run as a list shows it: without probes, findings or evidence. */
export type RunSummary = Omit<Run, 'probes' | 'findings' | 'evidence'> & {
  /** The digest of the receipt written with the run, when one was. */
  receiptDigest?: string
}

export interface RunRecord {
  run: Run
  /** The receipt written in the run's transaction, which commits to its evidence. */
  receipt?: StoredReceipt
}

export interface LatestRun {
  contract: string
  status: ContractStatus
  finishedAt: string
  lastVerifiedAt?: string
}

/** What each owner was told (alert state) and the alerts waiting to reach them (outbox). */
export interface AlertStore {
  /** Applies an alert transition that no run raised (a contract going stale), in one transaction. */
  applyAlertTransition(contract: string, transition: AlertTransition): Promise<OutboxAlert[]>
  /** What the owner of a contract was last told, when anything. */
  alertState(contract: string): Promise<AlertState | undefined>
  /** A contract's alerts, newest first. */
  listAlerts(contract: string, limit?: number): Promise<OutboxAlert[]>
  /**
   * Claims pending deliveries for one sender for `leaseMs`, oldest alert first. Two senders
   * never claim the same delivery while its lease holds.
   */
  claimDeliveries(options: ClaimOptions): Promise<PendingDelivery[]>
  markDelivered(delivery: DeliveryKey, at: string): Promise<void>
  /** Gives claimed deliveries that were never attempted back to the outbox, for any sender to claim. */
  releaseDeliveries(deliveries: DeliveryKey[]): Promise<void>
  /** Records a failed attempt: retried from `nextAttemptAt`, or never again when `givenUpAt` is set. */
  markDeliveryFailed(
    delivery: DeliveryKey,
    failure: { error: string; nextAttemptAt: number; givenUpAt?: string },
  ): Promise<void>
  /** Deliveries neither delivered nor given up. */
  outboxDepth(): Promise<number>
}

/** Who pinned which baseline when. */
export interface BaselineStore {
  /** Writes an acceptance, and with a builder its receipt, in one transaction. */
  recordBaselineAcceptance(acceptance: BaselineAcceptance, receipt?: BuildReceipt): Promise<void>
  /** A contract's baseline acceptances, newest first. */
  listBaselineAcceptances(contract: string): Promise<BaselineAcceptance[]>
}

/** Each contract's hash chain of signed receipts. */
export interface ReceiptStore {
  /** Appends a receipt that no run or acceptance carries (a contract first seen, a key rotation). */
  appendReceipt(contract: string, receipt: BuildReceipt): Promise<StoredReceipt>
  /** A contract's receipts, oldest first (chain order). */
  listReceipts(contract: string): Promise<StoredReceipt[]>
  /** A contract's latest `limit` receipts, newest first: what a report shows of the chain. */
  listRecentReceipts(contract: string, limit: number): Promise<StoredReceipt[]>
  /** The latest receipt's sequence and digest, when the contract has any. */
  receiptHead(contract: string): Promise<ReceiptLink | undefined>
  /** Contracts that have receipts, by name. */
  listReceiptContracts(): Promise<string[]>
}

/** The contracts as last seen in the folder, and owner changes until the new owner accepts. */
export interface HandoffStore {
  /** The contracts seen and not removed since, by name. */
  listKnownContracts(): Promise<KnownContract[]>
  /**
   * Records a contract a pass saw. Unknown (or removed before), it is added with its
   * first-sighting receipt in one transaction: `true`. Known, only its file is updated: `false`.
   */
  recordContractSeen(contract: KnownContract, receipt?: BuildReceipt): Promise<boolean>
  /**
   * Marks a known contract removed, with its removal receipt, in one transaction.
   * @returns `false`, writing nothing, when it was not known (another pass recorded it first).
   */
  recordContractRemoved(contract: string, at: string, receipt?: BuildReceipt): Promise<boolean>
  /**
   * Records an edit of a contract's owner in one transaction: the known owner, its handoff (a
   * pending one is replaced by `handoff`, or withdrawn without it), the owner-change receipt,
   * and the e-mails built from that receipt (synchronous and pure, like a receipt builder).
   * @returns `false`, writing nothing, when the known owner is no longer `change.previousOwner`.
   */
  recordOwnerChange(
    change: OwnerChange,
    writes: {
      handoff?: Omit<Handoff, 'acceptedAt' | 'remindedAt'>
      receipt?: BuildReceipt
      alerts?: (receipt: StoredReceipt | undefined) => OutboxAlert[]
    },
  ): Promise<boolean>
  /**
   * Completes the contract's pending handoff, and with a builder writes the countersigned
   * receipt, in one transaction. @returns the completed handoff, or `undefined` when none was pending.
   */
  acceptHandoff(
    contract: string,
    acceptedAt: string,
    receipt?: BuildReceipt,
  ): Promise<Handoff | undefined>
  /**
   * Marks the pending handoff reminded at `at`, with the reminder's alerts, in one transaction;
   * with `after`, only while its last reminder (or, never reminded, its start) is still that
   * time, so two workers send one reminder. @returns whether it was marked.
   */
  markHandoffReminded(
    contract: string,
    at: string,
    options?: { after?: string; alerts?: readonly OutboxAlert[] },
  ): Promise<boolean>
  /** The contract's pending handoff, when there is one. */
  pendingHandoff(contract: string): Promise<Handoff | undefined>
  /** Every pending handoff, by contract name. */
  listPendingHandoffs(): Promise<Handoff[]>
}

/** Whole tables in and out, engine-neutral, for `store migrate`. */
export interface TransferStore {
  /** One page of a table's rows, in the order they were written. */
  readTableRows(table: StoreTable, page: { offset: number; limit: number }): Promise<NeutralRow[]>
  /** Writes every page into this store in one transaction: all rows, or none. @returns rows written. */
  writeTableRows(pages: AsyncIterable<{ table: StoreTable; rows: NeutralRow[] }>): Promise<number>
  /** Rows in the history tables (`STORE_TABLES`); 0 in a new store. */
  countTableRows(): Promise<number>
}

/**
 * Slot claims and the worker registry: how several daemons on one store run each scheduled
 * slot once, never two runs of one task at once, and see one another.
 */
export interface FleetStore {
  /**
   * Claims one slot of a task for a worker, in one transaction: a running claim of the task
   * whose lease ran out is first marked `abandoned`; then the slot is this worker's
   * (`claimed`, leased for `leaseMs`), another's (`taken`), or, while the task's previous
   * run still holds its lease, recorded as `skipped` (`busy`). Asking again for a slot this
   * worker already holds answers `claimed`, so a claim whose reply was lost can be retried.
   */
  claimSlot(request: SlotClaimRequest): Promise<ClaimOutcome>
  /**
   * Ends a worker's claim: `finished` (with the run stored for it) or `failed`. A claim that
   * was marked abandoned meanwhile (its worker stalled past the lease) is ended all the same.
   */
  finishSlot(
    key: SlotKey & { worker: string },
    end: { status: Extract<SlotStatus, 'finished' | 'failed'>; at: string; runId?: string },
  ): Promise<void>
  /**
   * Registers or renews a worker and extends the lease of every claim it is running to
   * `now + leaseMs`: one heartbeat keeps all of a worker's runs leased.
   */
  beatWorker(worker: WorkerBeat, now: number, leaseMs: number): Promise<void>
  /** Marks running claims whose lease ran out `abandoned`. @returns them. */
  abandonExpiredSlots(now: number): Promise<SlotClaim[]>
  /** Marks a worker stopped, and the claims it still runs `abandoned` (they will not finish). */
  stopWorker(id: string, at: string): Promise<void>
  /** Every registered worker, by id. */
  listWorkers(): Promise<WorkerRecord[]>
  /** Each task's latest claim that was not skipped: who runs or last ran it. By task. */
  listLatestSlots(): Promise<SlotClaim[]>
  /** Claims of slots at or after `since` (ISO 8601), by task then slot. */
  listSlots(since: string): Promise<SlotClaim[]>
  /**
   * Deletes ended claims of slots before `before`, and workers not heard from since then, so
   * a fleet firing every minute does not grow the store without bound. @returns claims deleted.
   */
  pruneSlots(before: string): Promise<number>
}
