/**
 * How a stored value is kept where the engines differ: `time` is ISO 8601 text in SQLite and
 * `timestamptz` in PostgreSQL, `epoch` is integer milliseconds in SQLite and `timestamptz` in
 * PostgreSQL, `flag` is 0/1 in SQLite and a boolean in PostgreSQL.
 */
export type ColumnKind = 'text' | 'number' | 'flag' | 'time' | 'epoch'

/** A table `store migrate` copies, with its columns in the engine-neutral form. */
export interface StoreTable {
  name: string
  columns: readonly (readonly [name: string, kind: ColumnKind])[]
  /**
   * The order rows were written in, so that a copy keeps it: SQLite's rowid and PostgreSQL's
   * identity `seq` break ties between equal timestamps (the latest run, the oldest alert).
   */
  order: { sqlite: string; postgres: string }
}

/** A row as both engines agree on it: ISO strings for `time`, milliseconds for `epoch`, booleans for `flag`. */
export type NeutralRow = Record<string, string | number | boolean | null>

const written = { sqlite: 'rowid', postgres: 'seq' }

/**
 * Every table that holds history, in an order that satisfies the foreign keys. Leases and
 * claims of running work are not here: they describe this moment, not history.
 * @note A migration that adds a column or a table of history adds it here too; the
 * store-migrate test fails on a column this list misses.
 */
export const STORE_TABLES: readonly StoreTable[] = [
  {
    name: 'runs',
    columns: [
      ['id', 'text'],
      ['contract', 'text'],
      ['status', 'text'],
      ['started_at', 'time'],
      ['finished_at', 'time'],
      ['total', 'number'],
      ['passed', 'number'],
      ['failed', 'number'],
      ['skipped', 'number'],
      ['unreachable', 'number'],
      ['slot', 'time'],
      ['host', 'text'],
      ['pid', 'number'],
      ['receipt_digest', 'text'],
    ],
    order: written,
  },
  {
    name: 'run_evidence',
    columns: [
      ['run_id', 'text'],
      ['evidence', 'text'],
    ],
    order: { sqlite: 'run_id', postgres: 'run_id' },
  },
  {
    name: 'probe_results',
    columns: [
      ['run_id', 'text'],
      ['seq', 'number'],
      ['interaction', 'text'],
      ['operation', 'text'],
      ['verdict', 'text'],
      ['duration_ms', 'number'],
      ['attempts', 'number'],
      ['status', 'number'],
    ],
    order: { sqlite: 'run_id, seq', postgres: 'run_id, seq' },
  },
  {
    name: 'findings',
    columns: [
      ['run_id', 'text'],
      ['seq', 'number'],
      ['probe_seq', 'number'],
      ['source', 'text'],
      ['severity', 'text'],
      ['interaction', 'text'],
      ['operation', 'text'],
      ['path', 'text'],
      ['expected', 'text'],
      ['actual', 'text'],
      ['message', 'text'],
      ['rule', 'text'],
      ['affects_interactions', 'flag'],
    ],
    order: { sqlite: 'run_id, seq', postgres: 'run_id, seq' },
  },
  {
    name: 'alert_state',
    columns: [
      ['contract', 'text'],
      ['status', 'text'],
      ['since', 'time'],
      ['opened_by', 'text'],
      ['unreachable_streak', 'number'],
      ['unreachable_since', 'time'],
      ['reminded_at', 'time'],
      ['stale_alerted', 'flag'],
      ['sunsets_alerted', 'text'],
    ],
    order: { sqlite: 'contract', postgres: 'contract' },
  },
  {
    name: 'alerts',
    columns: [
      ['id', 'text'],
      ['contract', 'text'],
      ['kind', 'text'],
      ['run_id', 'text'],
      ['created_at', 'time'],
      ['facts', 'text'],
    ],
    order: written,
  },
  {
    name: 'alert_deliveries',
    columns: [
      ['alert_id', 'text'],
      ['channel', 'text'],
      ['target', 'text'],
      ['attempts', 'number'],
      ['next_attempt_at', 'epoch'],
      ['lease_until', 'epoch'],
      ['delivered_at', 'time'],
      ['given_up_at', 'time'],
      ['last_error', 'text'],
    ],
    order: written,
  },
  {
    name: 'baseline_acceptances',
    columns: [
      ['contract', 'text'],
      ['accepted_at', 'time'],
      ['accepted_by', 'text'],
      ['source', 'text'],
      ['baseline_file', 'text'],
      ['sha256', 'text'],
      ['breaking', 'number'],
      ['warning', 'number'],
      ['info', 'number'],
    ],
    order: written,
  },
  {
    name: 'receipts',
    columns: [
      ['contract', 'text'],
      ['sequence', 'number'],
      ['kind', 'text'],
      ['digest', 'text'],
      ['envelope', 'text'],
      ['created_at', 'time'],
    ],
    order: { sqlite: 'contract, sequence', postgres: 'contract, sequence' },
  },
  {
    name: 'handoffs',
    columns: [
      ['contract', 'text'],
      ['from_owner', 'text'],
      ['to_owner', 'text'],
      ['started_at', 'time'],
      ['accepted_at', 'time'],
      ['reminded_at', 'time'],
    ],
    order: written,
  },
  {
    name: 'known_contracts',
    columns: [
      ['contract', 'text'],
      ['owner', 'text'],
      ['file', 'text'],
      ['first_seen_at', 'time'],
      ['removed_at', 'time'],
    ],
    order: { sqlite: 'contract', postgres: 'contract' },
  },
]
