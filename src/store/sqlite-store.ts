import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import {
  UpcheckError,
  type AlertTransition,
  type BaselineAcceptance,
  type BuildReceipt,
  type Finding,
  type Handoff,
  type KnownContract,
  type OutboxAlert,
  type OwnerChange,
  type StoredReceipt,
  type Run,
  serializeEvidence,
} from '../model/index.js'
import { migrations } from './migrations.js'
import {
  ACCEPTANCE_COLUMNS,
  FINDING_COLUMNS,
  PROBE_COLUMNS,
  RUN_COLUMNS,
  readEvidence,
  sqliteInsert,
  sqliteRows,
  type AcceptanceRow,
  type FindingRow,
  type HandoffRow,
  type KnownContractRow,
  type LatestRunRow,
  type ProbeRow,
  type RunRow,
} from './row-mappers.js'
import { PRUNE_RUNS_SQL } from './prune-runs-sql.js'
import { createSqliteTransfer } from './sqlite-transfer.js'
import { createSqliteFleet } from './sqlite-fleet.js'
import { createSqliteOutbox } from './sqlite-outbox.js'
import { createSqliteReceipts } from './sqlite-receipts.js'
import type { Store } from './store.js'

/** How long a writer waits for another process's write lock before failing. */
const BUSY_TIMEOUT_MS = 15_000

/**
 * Switches the file to WAL, waiting out other openers.
 * @note SQLite may answer SQLITE_BUSY to a journal-mode change without calling the busy
 * handler (seen when several processes open one fresh file at once), so the wait is ours.
 */
function switchToWal(db: Database.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS
  for (;;) {
    try {
      db.pragma('journal_mode = WAL')
      return
    } catch (error) {
      const code = (error as { code?: string }).code
      if (!code?.startsWith('SQLITE_BUSY') || Date.now() > deadline) throw error
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25)
    }
  }
}

/**
 * Opens (creating and migrating as needed) the SQLite store at `file`.
 * @note WAL with synchronous=FULL: a run that `recordRun` returned from survives a crash
 * or power loss, and readers (the status page) never block the writer. Several processes
 * may share the file (overlapping cron jobs): every write transaction is `BEGIN IMMEDIATE`,
 * so it waits up to the busy timeout for the lock rather than failing on upgrading a read.
 * better-sqlite3 is synchronous; the methods are async for the `Store` contract.
 */
export function createSqliteStore(file: string): Store {
  let db: Database.Database
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    // @note The busy timeout is set before anything else touches the file: switching a fresh
    // file to WAL takes a lock that a concurrent opener must wait for too.
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS })
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    switchToWal(db)
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    migrate(db)
  } catch (error) {
    if (error instanceof UpcheckError) throw error
    throw new UpcheckError(
      'STORE_FAILED',
      `Failed to open the store ${file}: ${(error as Error).message}. Check that the folder is writable, or set "store" in upcheck.config.yaml.`,
      { cause: error },
    )
  }

  const insertRun = db.prepare(sqliteInsert('runs', RUN_COLUMNS))
  const insertProbe = db.prepare(sqliteInsert('probe_results', PROBE_COLUMNS))
  const insertFinding = db.prepare(sqliteInsert('findings', FINDING_COLUMNS))
  const insertEvidence = db.prepare(`INSERT INTO run_evidence (run_id, evidence) VALUES (?, ?)`)
  const selectRun = db.prepare<[string, string], RunRow<string>>(
    `SELECT * FROM runs WHERE contract = ? AND id = ?`,
  )
  const selectEvidence = db.prepare<[string], { evidence: string }>(
    `SELECT evidence FROM run_evidence WHERE run_id = ?`,
  )
  const selectLatest = db.prepare<[string], RunRow<string>>(
    `SELECT * FROM runs WHERE contract = ? ORDER BY finished_at DESC, rowid DESC LIMIT 1`,
  )
  const selectLastVerified = db.prepare<[string], { t: string | null }>(
    `SELECT max(finished_at) AS t FROM runs WHERE contract = ? AND status = 'verified'`,
  )
  const selectBrokenSince = db.prepare<[string, string], { t: string | null }>(
    `SELECT min(finished_at) AS t FROM runs WHERE contract = ? AND status = 'broken'
       AND finished_at > coalesce((SELECT max(finished_at) FROM runs WHERE contract = ? AND status = 'verified'), '')`,
  )
  const selectRuns = db.prepare<[string, number], RunRow<string>>(
    `SELECT * FROM runs WHERE contract = ? ORDER BY finished_at DESC, rowid DESC LIMIT ?`,
  )
  const selectProbes = db.prepare<[string], ProbeRow>(
    `SELECT * FROM probe_results WHERE run_id = ? ORDER BY seq`,
  )
  const selectFindings = db.prepare<[string], FindingRow<number>>(
    `SELECT * FROM findings WHERE run_id = ? ORDER BY seq`,
  )
  const pruneRuns = db.prepare<[string, number]>(PRUNE_RUNS_SQL.replace(/\$\d+/g, '?'))
  const pruneOldRuns = db.transaction(
    (before: string, limit: number) => pruneRuns.run(before, limit).changes,
  )
  const selectAllLatest = db.prepare<[], LatestRunRow<string>>(
    `SELECT r.*, (SELECT max(v.finished_at) FROM runs v WHERE v.contract = r.contract AND v.status = 'verified') AS last_verified_at
     FROM runs r
     WHERE r.rowid = (SELECT l.rowid FROM runs l WHERE l.contract = r.contract ORDER BY l.finished_at DESC, l.rowid DESC LIMIT 1)
     ORDER BY r.contract`,
  )

  const outbox = createSqliteOutbox(db)
  const receipts = createSqliteReceipts(db)
  const fleet = createSqliteFleet(db)

  const writeRun = db.transaction(
    (run: Run, transition?: AlertTransition, receipt?: BuildReceipt): OutboxAlert[] => {
      // The receipt first, so the run row can name it.
      const stored = receipt && receipts.append(run.contract, receipt)
      insertRun.run(...sqliteRows.runValues(run, stored?.digest))
      if (run.evidence) insertEvidence.run(run.id, serializeEvidence(run.evidence))
      const probeSeqOf = new Map<Finding, number>()
      run.probes.forEach((probe, seq) => {
        insertProbe.run(...sqliteRows.probeValues(run.id, seq, probe))
        for (const finding of probe.findings) probeSeqOf.set(finding, seq)
      })
      run.findings.forEach((f, seq) => {
        insertFinding.run(...sqliteRows.findingValues(run.id, seq, probeSeqOf.get(f), f))
      })
      return transition
        ? outbox.applyTransition(
            run.contract,
            transition,
            selectLastVerified.get(run.contract)?.t ?? undefined,
          )
        : []
    },
  )
  const writeTransition = db.transaction(
    (contract: string, transition: AlertTransition): OutboxAlert[] =>
      outbox.applyTransition(
        contract,
        transition,
        selectLastVerified.get(contract)?.t ?? undefined,
      ),
  )

  const insertAcceptance = db.prepare(sqliteInsert('baseline_acceptances', ACCEPTANCE_COLUMNS))
  const selectAcceptances = db.prepare<[string], AcceptanceRow<string>>(
    `SELECT * FROM baseline_acceptances WHERE contract = ? ORDER BY accepted_at DESC, rowid DESC`,
  )
  const writeAcceptance = db.transaction((a: BaselineAcceptance, receipt?: BuildReceipt) => {
    insertAcceptance.run(...sqliteRows.acceptanceValues(a))
    if (receipt) receipts.append(a.contract, receipt)
  })

  const deletePendingHandoff = db.prepare(
    `DELETE FROM handoffs WHERE contract = ? AND accepted_at IS NULL`,
  )
  const insertHandoff = db.prepare(
    `INSERT INTO handoffs (contract, from_owner, to_owner, started_at) VALUES (?, ?, ?, ?)`,
  )
  const selectPendingHandoff = db.prepare<[string], HandoffRow<string>>(
    `SELECT * FROM handoffs WHERE contract = ? AND accepted_at IS NULL`,
  )
  const selectPendingHandoffs = db.prepare<[], HandoffRow<string>>(
    `SELECT * FROM handoffs WHERE accepted_at IS NULL ORDER BY contract`,
  )
  const acceptPending = db.prepare(
    `UPDATE handoffs SET accepted_at = ? WHERE contract = ? AND accepted_at IS NULL`,
  )
  const remindPending = db.prepare(
    `UPDATE handoffs SET reminded_at = ? WHERE contract = ? AND accepted_at IS NULL`,
  )
  const selectKnown = db.prepare<[], KnownContractRow<string>>(
    `SELECT * FROM known_contracts WHERE removed_at IS NULL ORDER BY contract`,
  )
  const selectKnownOne = db.prepare<[string], KnownContractRow<string>>(
    `SELECT * FROM known_contracts WHERE contract = ?`,
  )
  const upsertKnown = db.prepare(
    `INSERT INTO known_contracts (contract, owner, file, first_seen_at, removed_at) VALUES (@contract, @owner, @file, @firstSeenAt, NULL)
     ON CONFLICT (contract) DO UPDATE SET owner = excluded.owner, file = excluded.file, first_seen_at = excluded.first_seen_at, removed_at = NULL`,
  )
  const updateKnownFile = db.prepare(`UPDATE known_contracts SET file = ? WHERE contract = ?`)
  const updateKnownOwner = db.prepare(`UPDATE known_contracts SET owner = ? WHERE contract = ?`)
  const markKnownRemoved = db.prepare(
    `UPDATE known_contracts SET removed_at = ? WHERE contract = ? AND removed_at IS NULL`,
  )
  const writeSeen = db.transaction((seen: KnownContract, receipt?: BuildReceipt): boolean => {
    const row = selectKnownOne.get(seen.contract)
    if (row && row.removed_at === null) {
      if (row.file !== seen.file) updateKnownFile.run(seen.file, seen.contract)
      return false
    }
    upsertKnown.run(seen)
    if (receipt) receipts.append(seen.contract, receipt)
    return true
  })
  const writeRemoved = db.transaction(
    (contract: string, at: string, receipt?: BuildReceipt): boolean => {
      if (markKnownRemoved.run(at, contract).changes === 0) return false
      if (receipt) receipts.append(contract, receipt)
      return true
    },
  )
  const writeOwnerChange = db.transaction(
    (change: OwnerChange, writes: Parameters<Store['recordOwnerChange']>[1]): boolean => {
      const row = selectKnownOne.get(change.contract)
      if (!row || row.removed_at !== null || row.owner !== change.previousOwner) return false
      updateKnownOwner.run(change.owner, change.contract)
      // @note A handoff the new owner never accepted is replaced, so a contract has at most one pending.
      deletePendingHandoff.run(change.contract)
      const { handoff } = writes
      if (handoff)
        insertHandoff.run(handoff.contract, handoff.fromOwner, handoff.toOwner, handoff.startedAt)
      const receipt: StoredReceipt | undefined =
        writes.receipt && receipts.append(change.contract, writes.receipt)
      if (writes.alerts) outbox.insertAlerts(writes.alerts(receipt))
      return true
    },
  )
  const writeAcceptHandoff = db.transaction(
    (contract: string, acceptedAt: string, receipt?: BuildReceipt): Handoff | undefined => {
      const row = selectPendingHandoff.get(contract)
      if (!row) return undefined
      acceptPending.run(acceptedAt, contract)
      if (receipt) receipts.append(contract, receipt)
      return { ...sqliteRows.toHandoff(row), acceptedAt }
    },
  )
  const writeRemind = db.transaction(
    (contract: string, at: string, options: Parameters<Store['markHandoffReminded']>[2] = {}) => {
      const row = selectPendingHandoff.get(contract)
      if (!row) return false
      if (options.after !== undefined && (row.reminded_at ?? row.started_at) !== options.after)
        return false
      remindPending.run(at, contract)
      outbox.insertAlerts(options.alerts ?? [])
      return true
    },
  )
  const claimDeliveries = db.transaction(outbox.claim)
  const markDelivered = db.transaction(outbox.markDelivered)
  const markFailed = db.transaction(outbox.markFailed)
  const releaseDeliveries = db.transaction(outbox.release)
  const claimSlot = db.transaction(fleet.claim)
  const finishSlot = db.transaction(fleet.finish)
  const beatWorker = db.transaction(fleet.beat)
  const abandonExpired = db.transaction(fleet.abandonExpired)
  const stopWorker = db.transaction(fleet.stop)
  const pruneSlots = db.transaction(fleet.prune)
  const writeReceipt = db.transaction((contract: string, receipt: BuildReceipt) =>
    receipts.append(contract, receipt),
  )

  /** Runs a write transaction with `BEGIN IMMEDIATE`, turning a failure into a `STORE_FAILED`. */
  async function write<A extends unknown[], T>(
    what: string,
    transaction: Database.Transaction<(...args: A) => T>,
    ...args: A
  ): Promise<T> {
    return guard(what, () => transaction.immediate(...args))
  }

  async function read<T>(what: string, action: () => T): Promise<T> {
    return guard(what, action)
  }

  function guard<T>(what: string, action: () => T): T {
    try {
      return action()
    } catch (error) {
      throw new UpcheckError(
        'STORE_FAILED',
        `Failed to ${what} in ${file}: ${(error as Error).message}.`,
        { cause: error },
      )
    }
  }

  function loadRun(row: RunRow<string>): Run {
    return sqliteRows.toFullRun(row, selectProbes.all(row.id), selectFindings.all(row.id))
  }

  return {
    ...createSqliteTransfer(db),
    recordRun(run, transition, receipt) {
      return write(`record run ${run.id} of ${run.contract}`, writeRun, run, transition, receipt)
    },
    latestRun(contract) {
      return read(`read the latest run of ${contract}`, () => {
        const row = selectLatest.get(contract)
        return row && loadRun(row)
      })
    },
    lastVerifiedAt(contract) {
      return read(
        `read when ${contract} was last verified`,
        () => selectLastVerified.get(contract)?.t ?? undefined,
      )
    },
    listLatest() {
      return read('list the latest runs', () => selectAllLatest.all().map(sqliteRows.toLatestRun))
    },
    listRuns(contract, limit = 50) {
      return read(`list the runs of ${contract}`, () =>
        selectRuns.all(contract, limit).map(sqliteRows.toRun),
      )
    },
    brokenSince(contract) {
      return read(
        `read since when ${contract} is broken`,
        () => selectBrokenSince.get(contract, contract)?.t ?? undefined,
      )
    },
    pruneRuns({ before, limit }) {
      return write(`prune runs older than ${before}`, pruneOldRuns, before, limit)
    },
    readRun(contract, id) {
      return read(`read run ${id} of ${contract}`, () => {
        const row = selectRun.get(contract, id)
        if (!row) return undefined
        const evidence = selectEvidence.get(id)?.evidence
        const receipt = row.receipt_digest && receipts.find(contract, row.receipt_digest)
        return {
          run: { ...loadRun(row), ...(evidence && { evidence: readEvidence(evidence) }) },
          ...(receipt && { receipt }),
        }
      })
    },

    applyAlertTransition(contract, transition) {
      return write(`record the alert state of ${contract}`, writeTransition, contract, transition)
    },
    alertState(contract) {
      return read(`read the alert state of ${contract}`, () => outbox.readState(contract))
    },
    listAlerts(contract, limit = 50) {
      return read(`list the alerts of ${contract}`, () => outbox.listAlerts(contract, limit))
    },
    claimDeliveries(options) {
      return write('claim pending alerts', claimDeliveries, options)
    },
    markDelivered(delivery, at) {
      return write(`mark alert ${delivery.alertId} delivered`, markDelivered, delivery, at)
    },
    releaseDeliveries(deliveries) {
      return write('release unsent alerts', releaseDeliveries, deliveries)
    },
    markDeliveryFailed(delivery, failure) {
      return write(
        `record a failed delivery of alert ${delivery.alertId}`,
        markFailed,
        delivery,
        failure,
      )
    },
    outboxDepth() {
      return read('count pending alerts', () => outbox.depth())
    },

    async recordBaselineAcceptance(acceptance, receipt) {
      await write(
        `record the baseline acceptance of ${acceptance.contract}`,
        writeAcceptance,
        acceptance,
        receipt,
      )
    },
    listBaselineAcceptances(contract) {
      return read(`list the baseline acceptances of ${contract}`, () =>
        selectAcceptances.all(contract).map(sqliteRows.toAcceptance),
      )
    },

    appendReceipt(contract, receipt) {
      return write(`append a receipt of ${contract}`, writeReceipt, contract, receipt)
    },
    listReceipts(contract) {
      return read(`list the receipts of ${contract}`, () => receipts.list(contract))
    },
    listRecentReceipts(contract, limit) {
      return read(`list the recent receipts of ${contract}`, () => receipts.recent(contract, limit))
    },
    receiptHead(contract) {
      return read(`read the receipt chain head of ${contract}`, () => receipts.head(contract))
    },
    listReceiptContracts() {
      return read('list the contracts with receipts', () => receipts.contracts())
    },

    listKnownContracts() {
      return read('list the known contracts', () =>
        selectKnown.all().map(sqliteRows.toKnownContract),
      )
    },
    recordContractSeen(contract, receipt) {
      return write(`record ${contract.contract} as seen`, writeSeen, contract, receipt)
    },
    recordContractRemoved(contract, at, receipt) {
      return write(`record ${contract} as removed`, writeRemoved, contract, at, receipt)
    },
    recordOwnerChange(change, writes) {
      return write(
        `record the owner change of ${change.contract}`,
        writeOwnerChange,
        change,
        writes,
      )
    },
    acceptHandoff(contract, acceptedAt, receipt) {
      return write(
        `accept the handoff of ${contract}`,
        writeAcceptHandoff,
        contract,
        acceptedAt,
        receipt,
      )
    },
    markHandoffReminded(contract, at, options) {
      return write(`mark the handoff of ${contract} reminded`, writeRemind, contract, at, options)
    },
    pendingHandoff(contract) {
      return read(`read the pending handoff of ${contract}`, () => {
        const row = selectPendingHandoff.get(contract)
        return row && sqliteRows.toHandoff(row)
      })
    },
    listPendingHandoffs() {
      return read('list pending handoffs', () =>
        selectPendingHandoffs.all().map(sqliteRows.toHandoff),
      )
    },

    claimSlot(request) {
      return write(`claim ${request.task}'s ${request.slot} slot`, claimSlot, request)
    },
    async finishSlot(key, end) {
      await write(`end ${key.task}'s ${key.slot} slot`, finishSlot, key, end)
    },
    async beatWorker(worker, now, leaseMs) {
      await write(`record worker ${worker.id}'s heartbeat`, beatWorker, worker, now, leaseMs)
    },
    abandonExpiredSlots(now) {
      return write('abandon runs whose lease ran out', abandonExpired, now)
    },
    async stopWorker(id, at) {
      await write(`mark worker ${id} stopped`, stopWorker, id, at)
    },
    listWorkers() {
      return read('list workers', () => fleet.listWorkers())
    },
    listLatestSlots() {
      return read('list the latest slot of each task', () => fleet.listLatest())
    },
    listSlots(since) {
      return read(`list the slots since ${since}`, () => fleet.listSince(since))
    },
    pruneSlots(before) {
      return write('prune old slot claims', pruneSlots, before)
    },

    async close() {
      db.close()
    },
  }
}

/**
 * Brings the schema up to date. Each migration runs in a `BEGIN IMMEDIATE` transaction that
 * re-reads the version inside: of several processes opening a fresh file at once, one
 * migrates and the others wait for its lock, then find nothing left to do.
 */
function migrate(db: Database.Database): void {
  const step = db.transaction((): boolean => {
    const current = db.pragma('user_version', { simple: true }) as number
    if (current > migrations.length) {
      throw new UpcheckError(
        'STORE_FAILED',
        `The store was written by a newer upcheck (schema ${current}, this one knows ${migrations.length}). Upgrade upcheck.`,
      )
    }
    if (current === migrations.length) return false
    db.exec(migrations[current]!)
    db.pragma(`user_version = ${current + 1}`)
    return true
  })
  // @note Read without a lock first, so opening an up-to-date store takes no write lock.
  const known = db.pragma('user_version', { simple: true }) as number
  if (known === migrations.length) return
  while (step.immediate()) {
    // one migration per transaction, until none is left
  }
}
