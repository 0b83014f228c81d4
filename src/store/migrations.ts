/**
 * The `alerts` table allowing `kinds`. Migration 2 creates it and migration 5 re-creates it
 * to widen the CHECK, so both take the DDL from here and cannot drift apart.
 * @note The text is what a fresh store records in its schema; keep it byte for byte.
 */
function createAlertsTable(kinds: string): string {
  return `CREATE TABLE alerts (
     id TEXT PRIMARY KEY,
     contract TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN (${kinds})),
     run_id TEXT,
     created_at TEXT NOT NULL,
     facts TEXT NOT NULL
   );`
}

/** The `alert_deliveries` table, unchanged between migration 2 and its rebuild in migration 5. */
const CREATE_ALERT_DELIVERIES = `CREATE TABLE alert_deliveries (
     alert_id TEXT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
     channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
     target TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL,
     lease_until INTEGER,
     delivered_at TEXT,
     given_up_at TEXT,
     last_error TEXT,
     PRIMARY KEY (alert_id, channel)
   );`

/**
 * Rebuilds alerts and its deliveries with a wider `kind` CHECK, keeping every row: SQLite cannot
 * alter a CHECK, and renaming a parent table re-points its children's foreign keys, hence both.
 * `old` names the tables' copies while they are moved.
 */
function rebuildAlertTables(old: string, kinds: string): string {
  return `DROP INDEX alerts_by_contract;
   DROP INDEX alert_deliveries_pending;
   ALTER TABLE alert_deliveries RENAME TO alert_deliveries_${old};
   ALTER TABLE alerts RENAME TO alerts_${old};
   ${createAlertsTable(kinds)}
   INSERT INTO alerts SELECT * FROM alerts_${old};
   CREATE INDEX alerts_by_contract ON alerts (contract, created_at);
   ${CREATE_ALERT_DELIVERIES}
   INSERT INTO alert_deliveries SELECT * FROM alert_deliveries_${old};
   CREATE INDEX alert_deliveries_pending ON alert_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND given_up_at IS NULL;
   DROP TABLE alert_deliveries_${old};
   DROP TABLE alerts_${old};`
}

/**
 * Schema migrations, applied in order inside one transaction each. `PRAGMA user_version`
 * holds how many have run. Never edit a published migration: add a new one.
 * @note Portable SQL only (no SQLite-only syntax or functions), timestamps as ISO 8601 text,
 * so another engine can run the same statements.
 */
export const migrations: readonly string[] = [
  `CREATE TABLE runs (
     id TEXT PRIMARY KEY,
     contract TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('verified', 'broken', 'unreachable')),
     started_at TEXT NOT NULL,
     finished_at TEXT NOT NULL,
     total INTEGER NOT NULL,
     passed INTEGER NOT NULL,
     failed INTEGER NOT NULL,
     skipped INTEGER NOT NULL,
     unreachable INTEGER NOT NULL
   );
   CREATE INDEX runs_by_contract ON runs (contract, finished_at);
   CREATE INDEX runs_verified ON runs (contract, status, finished_at);
   CREATE TABLE probe_results (
     run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     interaction TEXT NOT NULL,
     operation TEXT NOT NULL,
     verdict TEXT NOT NULL,
     duration_ms REAL NOT NULL,
     attempts INTEGER NOT NULL,
     status INTEGER,
     PRIMARY KEY (run_id, seq)
   );
   CREATE TABLE findings (
     run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     probe_seq INTEGER,
     source TEXT NOT NULL,
     severity TEXT NOT NULL,
     interaction TEXT,
     operation TEXT,
     path TEXT,
     expected TEXT,
     actual TEXT,
     message TEXT NOT NULL,
     rule TEXT,
     affects_interactions INTEGER,
     PRIMARY KEY (run_id, seq)
   );`,
  // 2: the alert outbox. An alert is written in the transaction of the run that raised it;
  // each channel is delivered (and retried) on its own, so a failing webhook never re-sends mail.
  `CREATE TABLE alert_state (
     contract TEXT PRIMARY KEY,
     status TEXT CHECK (status IN ('verified', 'broken', 'unreachable')),
     since TEXT,
     opened_by TEXT,
     unreachable_streak INTEGER NOT NULL DEFAULT 0,
     unreachable_since TEXT,
     reminded_at TEXT,
     stale_alerted INTEGER NOT NULL DEFAULT 0
   );
   ${createAlertsTable("'broken', 'unreachable', 'recovered', 'stale', 'reminder'")}
   CREATE INDEX alerts_by_contract ON alerts (contract, created_at);
   ${CREATE_ALERT_DELIVERIES}
   CREATE INDEX alert_deliveries_pending ON alert_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND given_up_at IS NULL;`,
  `CREATE TABLE baseline_acceptances (
     contract TEXT NOT NULL,
     accepted_at TEXT NOT NULL,
     accepted_by TEXT NOT NULL,
     source TEXT NOT NULL,
     baseline_file TEXT NOT NULL,
     sha256 TEXT NOT NULL,
     breaking INTEGER NOT NULL,
     warning INTEGER NOT NULL,
     info INTEGER NOT NULL
   );
   CREATE INDEX baseline_acceptances_by_contract ON baseline_acceptances (contract, accepted_at);`,
  // 4: receipts (each contract's hash chain, written in the transaction of what it records)
  // and owner handoffs. The unique (contract, sequence) makes a second writer that read the
  // same chain head fail instead of forking the chain.
  `CREATE TABLE receipts (
     contract TEXT NOT NULL,
     sequence INTEGER NOT NULL,
     kind TEXT NOT NULL,
     digest TEXT NOT NULL,
     envelope TEXT NOT NULL,
     created_at TEXT NOT NULL,
     PRIMARY KEY (contract, sequence)
   );
   CREATE TABLE handoffs (
     contract TEXT NOT NULL,
     from_owner TEXT NOT NULL,
     to_owner TEXT NOT NULL,
     started_at TEXT NOT NULL,
     accepted_at TEXT,
     reminded_at TEXT
   );
   CREATE INDEX handoffs_by_contract ON handoffs (contract, started_at);`,
  // 5: sunset alerts. SQLite cannot widen a CHECK, so alerts and its deliveries are rebuilt
  // (renaming a parent table re-points its children's foreign keys, hence both).
  `ALTER TABLE alert_state ADD COLUMN sunsets_alerted TEXT;
   ${rebuildAlertTables('v3', "'broken', 'unreachable', 'recovered', 'stale', 'reminder', 'sunset'")}`,
  // Where each run came from and what a broken one showed (`upcheck history`). `slot` is
  // the cron slot the daemon fired the run for (null for a plain verify); `receipt_digest`
  // names the receipt written with it; the evidence has a table of its own so that listing
  // runs never reads it.
  `ALTER TABLE runs ADD COLUMN slot TEXT;
   ALTER TABLE runs ADD COLUMN host TEXT;
   ALTER TABLE runs ADD COLUMN pid INTEGER;
   ALTER TABLE runs ADD COLUMN receipt_digest TEXT;
   CREATE TABLE run_evidence (
     run_id TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
     evidence TEXT NOT NULL
   );`,
  // fleet: slot claims (each scheduled slot of a task run once, by one worker; at most one
  // running claim per task, its lease renewed by the worker's heartbeat) and the registry of
  // workers sharing the store. A lease is epoch milliseconds, like an outbox lease.
  `CREATE TABLE slot_claims (
     task TEXT NOT NULL,
     slot TEXT NOT NULL,
     worker TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'skipped', 'abandoned')),
     claimed_at TEXT NOT NULL,
     lease_until INTEGER,
     finished_at TEXT,
     run_id TEXT,
     PRIMARY KEY (task, slot)
   );
   CREATE UNIQUE INDEX slot_claims_one_running ON slot_claims (task) WHERE status = 'running';
   CREATE INDEX slot_claims_running_by_worker ON slot_claims (worker) WHERE status = 'running';
   CREATE TABLE workers (
     id TEXT PRIMARY KEY,
     host TEXT NOT NULL,
     pid INTEGER NOT NULL,
     started_at TEXT NOT NULL,
     beat_at TEXT NOT NULL,
     stopped_at TEXT,
     status_url TEXT
   );`,
  // 8 (handoff slice): contracts as last seen, for first-sighting, removal and owner-change
  // receipts, and the `handoff` alert kind (the handoff e-mails). SQLite cannot widen a CHECK,
  // so alerts and its deliveries are rebuilt as in 5, the CHECK being the only difference.
  `CREATE TABLE known_contracts (
     contract TEXT PRIMARY KEY,
     owner TEXT NOT NULL,
     file TEXT NOT NULL,
     first_seen_at TEXT NOT NULL,
     removed_at TEXT
   );
   ${rebuildAlertTables('v5', "'broken', 'unreachable', 'recovered', 'stale', 'reminder', 'sunset', 'handoff'")}`,
]
