import type {
  AlertState,
  BaselineAcceptance,
  BuildReceipt,
  Finding,
  Handoff,
  KnownContract,
  OutboxAlert,
  PendingDelivery,
  ProbeResult,
  ReceiptLink,
  Run,
  RunEvidence,
  StoredReceipt,
} from '../model/index.js'
import type { LatestRun, RunSummary } from './store.js'

/**
 * How one engine hands back the columns whose type differs between engines: SQLite keeps
 * timestamps as ISO 8601 text and flags as 0/1, PostgreSQL returns `Date`s and booleans.
 * Everything else in a row is the same, so it is mapped once below.
 */
export interface EngineColumns<Time, Flag> {
  readTime(value: Time): string
  readFlag(value: Flag): boolean
  writeFlag(value: boolean): Flag
}

export const sqliteColumns: EngineColumns<string, number> = {
  readTime: (value) => value,
  readFlag: (value) => value === 1,
  writeFlag: (value) => (value ? 1 : 0),
}

export const postgresColumns: EngineColumns<Date, boolean> = {
  readTime: (value) => value.toISOString(),
  readFlag: (value) => value,
  writeFlag: (value) => value,
}

export interface RunRow<Time> {
  id: string
  contract: string
  status: Run['status']
  started_at: Time
  finished_at: Time
  total: number
  passed: number
  failed: number
  skipped: number
  unreachable: number
  /** The cron slot the run was fired for; null for a plain verify. */
  slot: Time | null
  host: string | null
  pid: number | null
  receipt_digest: string | null
}

export interface LatestRunRow<Time> extends RunRow<Time> {
  last_verified_at: Time | null
}

export interface ProbeRow {
  seq: number
  interaction: string
  operation: string
  verdict: ProbeResult['verdict']
  duration_ms: number
  attempts: number
  status: number | null
}

export interface FindingRow<Flag> {
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
  affects_interactions: Flag | null
}

export interface AlertStateRow<Time, Flag> {
  contract: string
  status: AlertState['status'] | null
  since: Time | null
  opened_by: string | null
  unreachable_streak: number
  unreachable_since: Time | null
  reminded_at: Time | null
  stale_alerted: Flag
  /** JSON text: the `operation date` keys already alerted. */
  sunsets_alerted: string | null
}

export interface AlertRow<Time> {
  id: string
  contract: string
  kind: OutboxAlert['kind']
  run_id: string | null
  created_at: Time
  facts: string
}

export interface DeliveryRow<Time> {
  alert_id: string
  channel: PendingDelivery['channel']
  target: string
  attempts: number
  contract: string
  kind: PendingDelivery['kind']
  created_at: Time
  facts: string
}

export interface AcceptanceRow<Time> {
  contract: string
  accepted_at: Time
  accepted_by: string
  source: string
  baseline_file: string
  sha256: string
  breaking: number
  warning: number
  info: number
}

export interface ReceiptRow<Time> {
  contract: string
  sequence: number
  kind: string
  digest: string
  envelope: string
  created_at: Time
}

export interface HandoffRow<Time> {
  contract: string
  from_owner: string
  to_owner: string
  started_at: Time
  accepted_at: Time | null
  reminded_at: Time | null
}

export interface KnownContractRow<Time> {
  contract: string
  owner: string
  file: string
  first_seen_at: Time
  removed_at: Time | null
}

/**
 * The row ↔ model mappers of every table, for one engine's column types. Statements stay
 * with each engine (placeholders, locking and types differ); what a row means is here.
 */
export function createRowMappers<Time, Flag>(columns: EngineColumns<Time, Flag>) {
  const { readTime, readFlag, writeFlag } = columns

  function toRun(row: RunRow<Time>): RunSummary {
    return {
      id: row.id,
      contract: row.contract,
      status: row.status,
      startedAt: readTime(row.started_at),
      finishedAt: readTime(row.finished_at),
      counts: {
        total: row.total,
        passed: row.passed,
        failed: row.failed,
        skipped: row.skipped,
        unreachable: row.unreachable,
      },
      ...(row.slot !== null && { slot: readTime(row.slot) }),
      ...(row.host !== null && { host: row.host }),
      ...(row.pid !== null && { pid: row.pid }),
      ...(row.receipt_digest !== null && { receiptDigest: row.receipt_digest }),
    }
  }

  function toFinding(row: FindingRow<Flag>): Finding {
    const finding: Finding = { source: row.source, severity: row.severity, message: row.message }
    if (row.interaction !== null) finding.interaction = row.interaction
    if (row.operation !== null) finding.operation = row.operation
    if (row.path !== null) finding.path = row.path
    if (row.expected !== null) finding.expected = row.expected
    if (row.actual !== null) finding.actual = row.actual
    if (row.rule !== null) finding.rule = row.rule
    if (row.affects_interactions !== null)
      finding.affectsInteractions = readFlag(row.affects_interactions)
    return finding
  }

  /** What an alert and each of its pending deliveries say alike: the alert's own columns. */
  function toAlertFields(row: Pick<AlertRow<Time>, 'contract' | 'kind' | 'created_at' | 'facts'>) {
    return {
      contract: row.contract,
      kind: row.kind,
      createdAt: readTime(row.created_at),
      facts: JSON.parse(row.facts) as unknown,
    }
  }

  return {
    toRun,
    toFinding,

    /** A run with its probes, each holding the findings whose `probe_seq` names it. */
    toFullRun(row: RunRow<Time>, probeRows: ProbeRow[], findingRows: FindingRow<Flag>[]): Run {
      const findings = findingRows.map(toFinding)
      const probes: ProbeResult[] = probeRows.map((p) => ({
        interaction: p.interaction,
        operation: p.operation,
        verdict: p.verdict,
        durationMs: p.duration_ms,
        attempts: p.attempts,
        ...(p.status === null ? {} : { status: p.status }),
        findings: findings.filter((_, i) => findingRows[i]?.probe_seq === p.seq),
      }))
      // The receipt is the store's link, not part of the run it records.
      const { receiptDigest: _, ...run } = toRun(row)
      return { ...run, probes, findings }
    },

    toLatestRun(row: LatestRunRow<Time>): LatestRun {
      return {
        contract: row.contract,
        status: row.status,
        finishedAt: readTime(row.finished_at),
        ...(row.last_verified_at === null
          ? {}
          : { lastVerifiedAt: readTime(row.last_verified_at) }),
      }
    },

    /**
     * The values of a run's `runs` row, in the column order of `RUN_COLUMNS`, naming the
     * receipt written with it when there is one.
     */
    runValues(run: Run, receiptDigest?: string): unknown[] {
      const { total, passed, failed, skipped, unreachable } = run.counts
      return [
        run.id,
        run.contract,
        run.status,
        run.startedAt,
        run.finishedAt,
        total,
        passed,
        failed,
        skipped,
        unreachable,
        run.slot ?? null,
        run.host ?? null,
        run.pid ?? null,
        receiptDigest ?? null,
      ]
    },

    /** The values of one `probe_results` row, in the column order of `PROBE_COLUMNS`. */
    probeValues(runId: string, seq: number, probe: ProbeResult): unknown[] {
      return [
        runId,
        seq,
        probe.interaction,
        probe.operation,
        probe.verdict,
        probe.durationMs,
        probe.attempts,
        probe.status ?? null,
      ]
    },

    /** The values of one `findings` row, in the column order of `FINDING_COLUMNS`. */
    findingValues(runId: string, seq: number, probeSeq: number | undefined, f: Finding): unknown[] {
      return [
        runId,
        seq,
        probeSeq ?? null,
        f.source,
        f.severity,
        f.interaction ?? null,
        f.operation ?? null,
        f.path ?? null,
        f.expected ?? null,
        f.actual ?? null,
        f.message,
        f.rule ?? null,
        f.affectsInteractions === undefined ? null : writeFlag(f.affectsInteractions),
      ]
    },

    toAlertState(row: AlertStateRow<Time, Flag>): AlertState {
      const state: AlertState = {
        contract: row.contract,
        unreachableStreak: row.unreachable_streak,
        staleAlerted: readFlag(row.stale_alerted),
      }
      if (row.status !== null) state.status = row.status
      if (row.since !== null) state.since = readTime(row.since)
      if (row.opened_by !== null) state.openedBy = row.opened_by
      if (row.unreachable_since !== null) state.unreachableSince = readTime(row.unreachable_since)
      if (row.reminded_at !== null) state.remindedAt = readTime(row.reminded_at)
      if (row.sunsets_alerted !== null)
        state.sunsetsAlerted = JSON.parse(row.sunsets_alerted) as string[]
      return state
    },

    /** The values of an `alert_state` row, in the column order of `ALERT_STATE_COLUMNS`. */
    alertStateValues(contract: string, state: AlertState): unknown[] {
      return [
        contract,
        state.status ?? null,
        state.since ?? null,
        state.openedBy ?? null,
        state.unreachableStreak,
        state.unreachableSince ?? null,
        state.remindedAt ?? null,
        writeFlag(state.staleAlerted),
        state.sunsetsAlerted ? JSON.stringify(state.sunsetsAlerted) : null,
      ]
    },

    toAlert(row: AlertRow<Time>, deliveries: OutboxAlert['deliveries']): OutboxAlert {
      return {
        id: row.id,
        ...toAlertFields(row),
        ...(row.run_id === null ? {} : { runId: row.run_id }),
        deliveries,
      }
    },

    /** The values of an `alerts` row, in the column order of `ALERT_COLUMNS`. */
    alertValues(alert: OutboxAlert): unknown[] {
      return [
        alert.id,
        alert.contract,
        alert.kind,
        alert.runId ?? null,
        alert.createdAt,
        JSON.stringify(alert.facts),
      ]
    },

    toPendingDelivery(row: DeliveryRow<Time>): PendingDelivery {
      const { alert_id: alertId, channel, target, attempts } = row
      return { alertId, channel, target, attempts, ...toAlertFields(row) }
    },

    toAcceptance(row: AcceptanceRow<Time>): BaselineAcceptance {
      return {
        contract: row.contract,
        acceptedAt: readTime(row.accepted_at),
        acceptedBy: row.accepted_by,
        source: row.source,
        baselineFile: row.baseline_file,
        sha256: row.sha256,
        changes: { breaking: row.breaking, warning: row.warning, info: row.info },
      }
    },

    /** The values of a `baseline_acceptances` row, in the column order of `ACCEPTANCE_COLUMNS`. */
    acceptanceValues(a: BaselineAcceptance): unknown[] {
      const { breaking, warning, info } = a.changes
      return [
        a.contract,
        a.acceptedAt,
        a.acceptedBy,
        a.source,
        a.baselineFile,
        a.sha256,
        breaking,
        warning,
        info,
      ]
    },

    toReceipt(row: ReceiptRow<Time>): StoredReceipt {
      return {
        contract: row.contract,
        sequence: row.sequence,
        kind: row.kind,
        digest: row.digest,
        envelope: JSON.parse(row.envelope) as StoredReceipt['envelope'],
        createdAt: readTime(row.created_at),
      }
    },

    /** The values of a `receipts` row, in the column order of `RECEIPT_COLUMNS`. */
    receiptValues(receipt: StoredReceipt): unknown[] {
      return [
        receipt.contract,
        receipt.sequence,
        receipt.kind,
        receipt.digest,
        JSON.stringify(receipt.envelope),
        receipt.createdAt,
      ]
    },

    toHandoff(row: HandoffRow<Time>): Handoff {
      const handoff: Handoff = {
        contract: row.contract,
        fromOwner: row.from_owner,
        toOwner: row.to_owner,
        startedAt: readTime(row.started_at),
      }
      if (row.accepted_at !== null) handoff.acceptedAt = readTime(row.accepted_at)
      if (row.reminded_at !== null) handoff.remindedAt = readTime(row.reminded_at)
      return handoff
    },

    toKnownContract(row: KnownContractRow<Time>): KnownContract {
      return {
        contract: row.contract,
        owner: row.owner,
        file: row.file,
        firstSeenAt: readTime(row.first_seen_at),
      }
    },
  }
}

/** A `run_evidence` row's text, written by `serializeEvidence`, as the run's evidence. */
export function readEvidence(text: string): RunEvidence {
  return JSON.parse(text) as RunEvidence
}

/** The columns each `…Values` mapper fills, in its order; both engines' INSERTs name them. */
export const RUN_COLUMNS =
  'id, contract, status, started_at, finished_at, total, passed, failed, skipped, unreachable, slot, host, pid, receipt_digest'
export const PROBE_COLUMNS =
  'run_id, seq, interaction, operation, verdict, duration_ms, attempts, status'
export const FINDING_COLUMNS =
  'run_id, seq, probe_seq, source, severity, interaction, operation, path, expected, actual, message, rule, affects_interactions'
export const ALERT_STATE_COLUMNS =
  'contract, status, since, opened_by, unreachable_streak, unreachable_since, reminded_at, stale_alerted, sunsets_alerted'
export const ALERT_COLUMNS = 'id, contract, kind, run_id, created_at, facts'
export const ACCEPTANCE_COLUMNS =
  'contract, accepted_at, accepted_by, source, baseline_file, sha256, breaking, warning, info'
export const RECEIPT_COLUMNS = 'contract, sequence, kind, digest, envelope, created_at'

/** `INSERT INTO table (columns) VALUES (?, ?, …)`: SQLite's positional placeholders. */
export function sqliteInsert(table: string, columns: string): string {
  return `INSERT INTO ${table} (${columns}) VALUES (${columnNames(columns)
    .map(() => '?')
    .join(', ')})`
}

/** `INSERT INTO table (columns) VALUES ($1, $2, …)`: PostgreSQL's numbered placeholders. */
export function postgresInsert(table: string, columns: string): string {
  return `INSERT INTO ${table} (${columns}) VALUES (${columnNames(columns)
    .map((_, i) => `$${i + 1}`)
    .join(', ')})`
}

function columnNames(columns: string): string[] {
  return columns.split(',').map((name) => name.trim())
}

/**
 * The next link of a contract's receipt chain: built from the head, numbered after it.
 * @note Call inside the write transaction that read `previous`, so no other writer forks the chain.
 */
export function nextReceipt(
  contract: string,
  previous: ReceiptLink | undefined,
  build: BuildReceipt,
): StoredReceipt {
  return { contract, sequence: (previous?.sequence ?? 0) + 1, ...build(previous) }
}

export const sqliteRows = createRowMappers(sqliteColumns)
export const postgresRows = createRowMappers(postgresColumns)
