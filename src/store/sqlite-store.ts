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
  type OutboxAlert,
  type ProbeResult,
  type Run,
} from '../model/index.js'
import { migrations } from './migrations.js'
import { createSqliteOutbox } from './sqlite-outbox.js'
import { createSqliteReceipts } from './sqlite-receipts.js'
import type { Store } from './store.js'

interface RunRow {
  id: string
  contract: string
  status: Run['status']
  started_at: string
  finished_at: string
  total: number
  passed: number
  failed: number
  skipped: number
  unreachable: number
}

interface FindingRow {
  probe_seq: number | null
  source: Finding['source']
  severity: Finding['severity']
  interaction: string | null
  operation: string | null
  path: string | null
  expected: string | null
  actual: string | null
  message: string
  rule: string | null
  affects_interactions: number | null
}

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

  const insertRun = db.prepare(
    `INSERT INTO runs (id, contract, status, started_at, finished_at, total, passed, failed, skipped, unreachable)
     VALUES (@id, @contract, @status, @startedAt, @finishedAt, @total, @passed, @failed, @skipped, @unreachable)`,
  )
  const insertProbe = db.prepare(
    `INSERT INTO probe_results (run_id, seq, interaction, operation, verdict, duration_ms, attempts, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertFinding = db.prepare(
    `INSERT INTO findings (run_id, seq, probe_seq, source, severity, interaction, operation, path, expected, actual, message, rule, affects_interactions)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const selectLatest = db.prepare<[string], RunRow>(
    `SELECT * FROM runs WHERE contract = ? ORDER BY finished_at DESC, rowid DESC LIMIT 1`,
  )
  const selectLastVerified = db.prepare<[string], { t: string | null }>(
    `SELECT max(finished_at) AS t FROM runs WHERE contract = ? AND status = 'verified'`,
  )
  const selectRuns = db.prepare<[string, number], RunRow>(
    `SELECT * FROM runs WHERE contract = ? ORDER BY finished_at DESC, rowid DESC LIMIT ?`,
  )
  const selectProbes = db.prepare<
    [string],
    {
      seq: number
      interaction: string
      operation: string
      verdict: ProbeResult['verdict']
      duration_ms: number
      attempts: number
      status: number | null
    }
  >(`SELECT * FROM probe_results WHERE run_id = ? ORDER BY seq`)
  const selectFindings = db.prepare<[string], FindingRow>(
    `SELECT * FROM findings WHERE run_id = ? ORDER BY seq`,
  )
  const selectAllLatest = db.prepare<[], RunRow & { last_verified_at: string | null }>(
    `SELECT r.*, (SELECT max(v.finished_at) FROM runs v WHERE v.contract = r.contract AND v.status = 'verified') AS last_verified_at
     FROM runs r
     WHERE r.rowid = (SELECT l.rowid FROM runs l WHERE l.contract = r.contract ORDER BY l.finished_at DESC, l.rowid DESC LIMIT 1)
     ORDER BY r.contract`,
  )

  const outbox = createSqliteOutbox(db)
  const receipts = createSqliteReceipts(db)

  const writeRun = db.transaction(
    (run: Run, transition?: AlertTransition, receipt?: BuildReceipt): OutboxAlert[] => {
      insertRun.run({
        id: run.id,
        contract: run.contract,
        status: run.status,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        ...run.counts,
      })
      let findingSeq = 0
      const probeSeqOf = new Map<Finding, number>()
      run.probes.forEach((probe, seq) => {
        insertProbe.run(
          run.id,
          seq,
          probe.interaction,
          probe.operation,
          probe.verdict,
          probe.durationMs,
          probe.attempts,
          probe.status ?? null,
        )
        for (const finding of probe.findings) probeSeqOf.set(finding, seq)
      })
      for (const f of run.findings) {
        insertFinding.run(
          run.id,
          findingSeq++,
          probeSeqOf.get(f) ?? null,
          f.source,
          f.severity,
          f.interaction ?? null,
          f.operation ?? null,
          f.path ?? null,
          f.expected ?? null,
          f.actual ?? null,
          f.message,
          f.rule ?? null,
          f.affectsInteractions === undefined ? null : Number(f.affectsInteractions),
        )
      }
      if (receipt) receipts.append(run.contract, receipt)
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

  const insertAcceptance = db.prepare(
    `INSERT INTO baseline_acceptances (contract, accepted_at, accepted_by, source, baseline_file, sha256, breaking, warning, info)
     VALUES (@contract, @acceptedAt, @acceptedBy, @source, @baselineFile, @sha256, @breaking, @warning, @info)`,
  )
  const selectAcceptances = db.prepare<[string], Record<string, string | number>>(
    `SELECT * FROM baseline_acceptances WHERE contract = ? ORDER BY accepted_at DESC, rowid DESC`,
  )
  const writeAcceptance = db.transaction((a: BaselineAcceptance, receipt?: BuildReceipt) => {
    insertAcceptance.run({
      contract: a.contract,
      acceptedAt: a.acceptedAt,
      acceptedBy: a.acceptedBy,
      source: a.source,
      baselineFile: a.baselineFile,
      sha256: a.sha256,
      ...a.changes,
    })
    if (receipt) receipts.append(a.contract, receipt)
  })

  const deletePendingHandoff = db.prepare(
    `DELETE FROM handoffs WHERE contract = ? AND accepted_at IS NULL`,
  )
  const insertHandoff = db.prepare(
    `INSERT INTO handoffs (contract, from_owner, to_owner, started_at) VALUES (?, ?, ?, ?)`,
  )
  const selectPendingHandoff = db.prepare<[string], HandoffRow>(
    `SELECT * FROM handoffs WHERE contract = ? AND accepted_at IS NULL`,
  )
  const selectPendingHandoffs = db.prepare<[], HandoffRow>(
    `SELECT * FROM handoffs WHERE accepted_at IS NULL ORDER BY contract`,
  )
  const acceptPending = db.prepare(
    `UPDATE handoffs SET accepted_at = ? WHERE contract = ? AND accepted_at IS NULL`,
  )
  const remindPending = db.prepare(
    `UPDATE handoffs SET reminded_at = ? WHERE contract = ? AND accepted_at IS NULL`,
  )
  const writeHandoff = db.transaction(
    (handoff: Omit<Handoff, 'acceptedAt' | 'remindedAt'>, receipt?: BuildReceipt) => {
      // @note A handoff the new owner never accepted is replaced, so a contract has at most one pending.
      deletePendingHandoff.run(handoff.contract)
      insertHandoff.run(handoff.contract, handoff.fromOwner, handoff.toOwner, handoff.startedAt)
      if (receipt) receipts.append(handoff.contract, receipt)
    },
  )
  const writeAcceptHandoff = db.transaction(
    (contract: string, acceptedAt: string, receipt?: BuildReceipt): Handoff | undefined => {
      const row = selectPendingHandoff.get(contract)
      if (!row) return undefined
      acceptPending.run(acceptedAt, contract)
      if (receipt) receipts.append(contract, receipt)
      return { ...toHandoff(row), acceptedAt }
    },
  )
  const writeRemind = db.transaction((contract: string, at: string) => {
    remindPending.run(at, contract)
  })
  const claimDeliveries = db.transaction(outbox.claim)
  const markDelivered = db.transaction(outbox.markDelivered)
  const markFailed = db.transaction(outbox.markFailed)
  const releaseDeliveries = db.transaction(outbox.release)
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

  function toRun(row: RunRow): Omit<Run, 'probes' | 'findings'> {
    return {
      id: row.id,
      contract: row.contract,
      status: row.status,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      counts: {
        total: row.total,
        passed: row.passed,
        failed: row.failed,
        skipped: row.skipped,
        unreachable: row.unreachable,
      },
    }
  }

  function loadRun(row: RunRow): Run {
    const findingRows = selectFindings.all(row.id)
    const findings = findingRows.map(toFinding)
    const probes: ProbeResult[] = selectProbes.all(row.id).map((p) => ({
      interaction: p.interaction,
      operation: p.operation,
      verdict: p.verdict,
      durationMs: p.duration_ms,
      attempts: p.attempts,
      ...(p.status === null ? {} : { status: p.status }),
      findings: findings.filter((_, i) => findingRows[i]?.probe_seq === p.seq),
    }))
    return { ...toRun(row), probes, findings }
  }

  return {
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
      return read('list the latest runs', () =>
        selectAllLatest.all().map((row) => ({
          contract: row.contract,
          status: row.status,
          finishedAt: row.finished_at,
          ...(row.last_verified_at ? { lastVerifiedAt: row.last_verified_at } : {}),
        })),
      )
    },
    listRuns(contract, limit = 50) {
      return read(`list the runs of ${contract}`, () => selectRuns.all(contract, limit).map(toRun))
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
        selectAcceptances.all(contract).map((row) => ({
          contract: String(row.contract),
          acceptedAt: String(row.accepted_at),
          acceptedBy: String(row.accepted_by),
          source: String(row.source),
          baselineFile: String(row.baseline_file),
          sha256: String(row.sha256),
          changes: {
            breaking: Number(row.breaking),
            warning: Number(row.warning),
            info: Number(row.info),
          },
        })),
      )
    },

    appendReceipt(contract, receipt) {
      return write(`append a receipt of ${contract}`, writeReceipt, contract, receipt)
    },
    listReceipts(contract) {
      return read(`list the receipts of ${contract}`, () => receipts.list(contract))
    },
    receiptHead(contract) {
      return read(`read the receipt chain head of ${contract}`, () => receipts.head(contract))
    },
    listReceiptContracts() {
      return read('list the contracts with receipts', () => receipts.contracts())
    },

    async startHandoff(handoff, receipt) {
      await write(`start the handoff of ${handoff.contract}`, writeHandoff, handoff, receipt)
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
    async markHandoffReminded(contract, at) {
      await write(`mark the handoff of ${contract} reminded`, writeRemind, contract, at)
    },
    pendingHandoff(contract) {
      return read(`read the pending handoff of ${contract}`, () => {
        const row = selectPendingHandoff.get(contract)
        return row && toHandoff(row)
      })
    },
    listPendingHandoffs() {
      return read('list pending handoffs', () => selectPendingHandoffs.all().map(toHandoff))
    },

    async close() {
      db.close()
    },
  }
}

interface HandoffRow {
  contract: string
  from_owner: string
  to_owner: string
  started_at: string
  accepted_at: string | null
  reminded_at: string | null
}

function toHandoff(row: HandoffRow): Handoff {
  const handoff: Handoff = {
    contract: row.contract,
    fromOwner: row.from_owner,
    toOwner: row.to_owner,
    startedAt: row.started_at,
  }
  if (row.accepted_at !== null) handoff.acceptedAt = row.accepted_at
  if (row.reminded_at !== null) handoff.remindedAt = row.reminded_at
  return handoff
}

function toFinding(row: FindingRow): Finding {
  const finding: Finding = { source: row.source, severity: row.severity, message: row.message }
  if (row.interaction !== null) finding.interaction = row.interaction
  if (row.operation !== null) finding.operation = row.operation
  if (row.path !== null) finding.path = row.path
  if (row.expected !== null) finding.expected = row.expected
  if (row.actual !== null) finding.actual = row.actual
  if (row.rule !== null) finding.rule = row.rule
  if (row.affects_interactions !== null)
    finding.affectsInteractions = row.affects_interactions === 1
  return finding
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
