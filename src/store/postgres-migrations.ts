import type pg from 'pg'
import { UpcheckError } from '../model/index.js'

/**
 * The PostgreSQL schema, one migration per entry, applied in order; `schema_migrations` holds
 * which ran. Never edit a published migration: add a new one.
 * @note The same tables as SQLite's, in PostgreSQL's own types: timestamps as `timestamptz`,
 * flags as booleans, and an identity `seq` where SQLite broke ties by rowid.
 */
export const postgresMigrations: readonly string[] = [
  `CREATE TABLE runs (
     seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
     id text PRIMARY KEY,
     contract text NOT NULL,
     status text NOT NULL CHECK (status IN ('verified', 'broken', 'unreachable')),
     started_at timestamptz NOT NULL,
     finished_at timestamptz NOT NULL,
     total integer NOT NULL,
     passed integer NOT NULL,
     failed integer NOT NULL,
     skipped integer NOT NULL,
     unreachable integer NOT NULL
   );
   CREATE INDEX runs_by_contract ON runs (contract, finished_at);
   CREATE INDEX runs_verified ON runs (contract, status, finished_at);
   CREATE TABLE probe_results (
     run_id text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
     seq integer NOT NULL,
     interaction text NOT NULL,
     operation text NOT NULL,
     verdict text NOT NULL,
     duration_ms double precision NOT NULL,
     attempts integer NOT NULL,
     status integer,
     PRIMARY KEY (run_id, seq)
   );
   CREATE TABLE findings (
     run_id text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
     seq integer NOT NULL,
     probe_seq integer,
     source text NOT NULL,
     severity text NOT NULL,
     interaction text,
     operation text,
     path text,
     expected text,
     actual text,
     message text NOT NULL,
     rule text,
     affects_interactions boolean,
     PRIMARY KEY (run_id, seq)
   );
   CREATE TABLE alert_state (
     contract text PRIMARY KEY,
     status text CHECK (status IN ('verified', 'broken', 'unreachable')),
     since timestamptz,
     opened_by text,
     unreachable_streak integer NOT NULL DEFAULT 0,
     unreachable_since timestamptz,
     reminded_at timestamptz,
     stale_alerted boolean NOT NULL DEFAULT false
   );
   CREATE TABLE alerts (
     seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
     id text PRIMARY KEY,
     contract text NOT NULL,
     kind text NOT NULL CHECK (kind IN ('broken', 'unreachable', 'recovered', 'stale', 'reminder')),
     run_id text,
     created_at timestamptz NOT NULL,
     facts text NOT NULL
   );
   CREATE INDEX alerts_by_contract ON alerts (contract, created_at);
   CREATE TABLE alert_deliveries (
     seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
     alert_id text NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
     channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
     target text NOT NULL,
     attempts integer NOT NULL DEFAULT 0,
     next_attempt_at timestamptz NOT NULL,
     lease_until timestamptz,
     delivered_at timestamptz,
     given_up_at timestamptz,
     last_error text,
     PRIMARY KEY (alert_id, channel)
   );
   CREATE INDEX alert_deliveries_pending ON alert_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND given_up_at IS NULL;
   CREATE TABLE baseline_acceptances (
     seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     contract text NOT NULL,
     accepted_at timestamptz NOT NULL,
     accepted_by text NOT NULL,
     source text NOT NULL,
     baseline_file text NOT NULL,
     sha256 text NOT NULL,
     breaking integer NOT NULL,
     warning integer NOT NULL,
     info integer NOT NULL
   );
   CREATE INDEX baseline_acceptances_by_contract ON baseline_acceptances (contract, accepted_at);
   CREATE TABLE receipts (
     contract text NOT NULL,
     sequence integer NOT NULL,
     kind text NOT NULL,
     digest text NOT NULL,
     envelope text NOT NULL,
     created_at timestamptz NOT NULL,
     PRIMARY KEY (contract, sequence)
   );
   CREATE TABLE handoffs (
     seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     contract text NOT NULL,
     from_owner text NOT NULL,
     to_owner text NOT NULL,
     started_at timestamptz NOT NULL,
     accepted_at timestamptz,
     reminded_at timestamptz
   );
   CREATE INDEX handoffs_by_contract ON handoffs (contract, started_at);`,
  // 2: sunset alerts, as SQLite's migration 5: the announced sunsets already alerted, and the
  // alert kind. Without it a run that raised a sunset alert could not be written at all.
  `ALTER TABLE alert_state ADD COLUMN sunsets_alerted text;
   ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check;
   ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check
     CHECK (kind IN ('broken', 'unreachable', 'recovered', 'stale', 'reminder', 'sunset'));`,
  // Where each run came from and what a broken one showed (`upcheck history`). `slot` is
  // the cron slot the daemon fired the run for (null for a plain verify); `receipt_digest`
  // names the receipt written with it; the evidence has a table of its own so that listing
  // runs never reads it.
  `ALTER TABLE runs ADD COLUMN slot timestamptz;
   ALTER TABLE runs ADD COLUMN host text;
   ALTER TABLE runs ADD COLUMN pid integer;
   ALTER TABLE runs ADD COLUMN receipt_digest text;
   CREATE TABLE run_evidence (
     run_id text PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
     evidence text NOT NULL
   );`,
  // fleet: slot claims (each scheduled slot of a task run once, by one worker; at most one
  // running claim per task, its lease renewed by the worker's heartbeat) and the registry of
  // workers sharing the store.
  `CREATE TABLE slot_claims (
     task text NOT NULL,
     slot timestamptz NOT NULL,
     worker text NOT NULL,
     status text NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'skipped', 'abandoned')),
     claimed_at timestamptz NOT NULL,
     lease_until timestamptz,
     finished_at timestamptz,
     run_id text,
     PRIMARY KEY (task, slot)
   );
   CREATE UNIQUE INDEX slot_claims_one_running ON slot_claims (task) WHERE status = 'running';
   CREATE INDEX slot_claims_running_by_worker ON slot_claims (worker) WHERE status = 'running';
   CREATE TABLE workers (
     id text PRIMARY KEY,
     host text NOT NULL,
     pid integer NOT NULL,
     started_at timestamptz NOT NULL,
     beat_at timestamptz NOT NULL,
     stopped_at timestamptz,
     status_url text
   );`,
  // 5 (handoff slice): contracts as last seen, for first-sighting, removal and owner-change
  // receipts; the `handoff` alert kind.
  `CREATE TABLE known_contracts (
     contract text PRIMARY KEY,
     owner text NOT NULL,
     file text NOT NULL,
     first_seen_at timestamptz NOT NULL,
     removed_at timestamptz
   );
   ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check;
   ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check
     CHECK (kind IN ('broken', 'unreachable', 'recovered', 'stale', 'reminder', 'sunset', 'handoff'));`,
]

/** The session advisory lock every migrating process takes: an arbitrary constant of upcheck's own. */
const MIGRATION_LOCK = 0x75706368

/**
 * Brings the schema up to date under `pg_advisory_lock`: of several workers starting at once,
 * one migrates and the others wait for the lock, then find nothing left to do. Each migration
 * and its version row commit together.
 */
export async function migratePostgres(client: pg.ClientBase): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
  try {
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    )
    const { rows } = await client.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM schema_migrations',
    )
    const current = rows[0]?.v ?? 0
    if (current > postgresMigrations.length) {
      throw new UpcheckError(
        'STORE_FAILED',
        `The store was written by a newer upcheck (schema ${current}, this one knows ${postgresMigrations.length}). Upgrade upcheck.`,
      )
    }
    for (let version = current + 1; version <= postgresMigrations.length; version++) {
      await client.query('BEGIN')
      try {
        await client.query(postgresMigrations[version - 1]!)
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version])
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw error
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
  }
}
