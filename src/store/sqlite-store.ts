import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { UpcheckError, type Finding, type ProbeResult, type Run } from '../model/index.js'
import { migrations } from './migrations.js'
import { createSqliteOutbox } from './sqlite-outbox.js'
import type { AlertTransition, OutboxAlert } from './alert-outbox.js'
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

/**
 * Opens (creating and migrating as needed) the SQLite store at `file`.
 * @note WAL with synchronous=FULL: a run that `recordRun` returned from survives a crash
 * or power loss, and readers (the status page) never block the writer.
 */
export function createSqliteStore(file: string): Store {
  let db: Database.Database
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    db = new Database(file)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
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

  const writeRun = db.transaction((run: Run, transition?: AlertTransition): OutboxAlert[] => {
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
    return transition
      ? outbox.applyTransition(
          run.contract,
          transition,
          selectLastVerified.get(run.contract)?.t ?? undefined,
        )
      : []
  })
  const writeTransition = db.transaction(
    (contract: string, transition: AlertTransition): OutboxAlert[] =>
      outbox.applyTransition(
        contract,
        transition,
        selectLastVerified.get(contract)?.t ?? undefined,
      ),
  )

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

  const insertAcceptance = db.prepare(
    `INSERT INTO baseline_acceptances (contract, accepted_at, accepted_by, source, baseline_file, sha256, breaking, warning, info)
     VALUES (@contract, @acceptedAt, @acceptedBy, @source, @baselineFile, @sha256, @breaking, @warning, @info)`,
  )
  const selectAcceptances = db.prepare<[string], Record<string, string | number>>(
    `SELECT * FROM baseline_acceptances WHERE contract = ? ORDER BY accepted_at DESC, rowid DESC`,
  )

  return {
    recordBaselineAcceptance(a) {
      guard(`record the baseline acceptance of ${a.contract}`, () =>
        insertAcceptance.run({
          contract: a.contract,
          acceptedAt: a.acceptedAt,
          acceptedBy: a.acceptedBy,
          source: a.source,
          baselineFile: a.baselineFile,
          sha256: a.sha256,
          ...a.changes,
        }),
      )
    },
    listBaselineAcceptances(contract) {
      return selectAcceptances.all(contract).map((row) => ({
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
      }))
    },
    recordRun(run, transition) {
      try {
        return writeRun(run, transition)
      } catch (error) {
        throw new UpcheckError(
          'STORE_FAILED',
          `Failed to record run ${run.id} of ${run.contract} in ${file}: ${(error as Error).message}.`,
          { cause: error },
        )
      }
    },
    applyAlertTransition(contract, transition) {
      return guard(`record the alert state of ${contract}`, () =>
        writeTransition(contract, transition),
      )
    },
    alertState: (contract) => outbox.readState(contract),
    listAlerts: (contract, limit = 50) => outbox.listAlerts(contract, limit),
    claimDeliveries(options) {
      return guard('claim pending alerts', () => outbox.claim(options))
    },
    markDelivered(delivery, at) {
      guard(`mark alert ${delivery.alertId} delivered`, () => outbox.markDelivered(delivery, at))
    },
    markDeliveryFailed(delivery, failure) {
      guard(`record a failed delivery of alert ${delivery.alertId}`, () =>
        outbox.markFailed(delivery, failure),
      )
    },
    outboxDepth: () => outbox.depth(),
    latestRun(contract) {
      const row = selectLatest.get(contract)
      return row && loadRun(row)
    },
    lastVerifiedAt(contract) {
      return selectLastVerified.get(contract)?.t ?? undefined
    },
    listLatest() {
      return selectAllLatest.all().map((row) => ({
        contract: row.contract,
        status: row.status,
        finishedAt: row.finished_at,
        ...(row.last_verified_at ? { lastVerifiedAt: row.last_verified_at } : {}),
      }))
    },
    listRuns(contract, limit = 50) {
      return selectRuns.all(contract, limit).map(toRun)
    },
    close() {
      db.close()
    },
  }
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

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > migrations.length) {
    throw new UpcheckError(
      'STORE_FAILED',
      `The store was written by a newer upcheck (schema ${current}, this one knows ${migrations.length}). Upgrade upcheck.`,
    )
  }
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version]!)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}
