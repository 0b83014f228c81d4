/**
 * Schema migrations, applied in order inside one transaction each. `PRAGMA user_version`
 * holds how many have run. Never edit a published migration: add a new one.
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
]
