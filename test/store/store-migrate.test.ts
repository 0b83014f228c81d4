import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { expect, it } from 'vitest'
import { STORE_TABLES, openStore, type Store } from '../../src/store/index.js'
import { sendJson as json, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'
import { usePostgres } from '../support/start-postgres.js'

const server = usePostgres()

const ws = useProject({ confirm: 0 })
const upstream = useLocalUpstream()
// Deliveries fail (nothing listens on port 1), so the outbox keeps pending alerts with attempts.
const env = { SMTP_URL: 'smtp://127.0.0.1:1', ALERT_FROM: 'upcheck@example.com' }

/** A SQLite store filled by real verifies: runs, findings, alerts pending, receipts, a handoff. */
async function fillSqliteStore() {
  let answer: unknown = { id: 1 }
  upstream.handle = (_req, res) => json(res, 200, answer)
  for (const name of ['posts-api', 'users-api'])
    await ws.writeContract(name, {
      baseUrl: upstream.origin,
      interactions: [typedInteraction('get one', '/one', { id: 1 })],
    })
  expect((await ws.run(['verify'], env)).code).toBe(0)
  answer = { id: 'one' }
  expect((await ws.run(['verify'], env)).code).toBe(1)
  expect((await ws.run(['verify', 'posts-api'], env)).code).toBe(1)
  const store = await openStore({ store: ws.storeFile })
  const change = {
    contract: 'posts-api',
    previousOwner: 'Ann Lee <ann@example.com>',
    owner: 'Bo Chen <bo@example.com>',
    at: '2026-11-25T08:00:00.000Z',
  }
  const handoff = { contract: 'posts-api', fromOwner: change.previousOwner, toOwner: change.owner }
  expect(
    await store.recordOwnerChange(change, { handoff: { ...handoff, startedAt: change.at } }),
  ).toBe(true)
  await store.recordBaselineAcceptance({
    contract: 'posts-api',
    acceptedAt: '2026-11-25T09:00:00.000Z',
    acceptedBy: 'ann',
    source: 'http://127.0.0.1/openapi.json',
    baselineFile: 'contracts/posts-api.baseline.json',
    sha256: 'a'.repeat(64),
    changes: { breaking: 0, warning: 1, info: 2 },
  })
  await store.close()
}

async function allRows(store: Store) {
  const tables: Record<string, unknown[]> = {}
  for (const table of STORE_TABLES)
    tables[table.name] = await store.readTableRows(table, { offset: 0, limit: 100_000 })
  return tables
}

it('copies every table of a SQLite store into PostgreSQL and back, receipts verifying in each', async () => {
  await fillSqliteStore()
  const url = await server.createDatabase()
  const migrated = await ws.run(['store', 'migrate', '--to', url])
  expect(migrated.stderr).not.toContain('test-only-password')
  expect(migrated.stdout).not.toContain('test-only-password')
  expect(migrated.code).toBe(0)
  expect(migrated.stdout).toMatch(
    /^copied \d+ row\(s\) of history from .*state\.db to [\w.]+:\d+\/\w+\n$/,
  )

  const source = await openStore({ store: ws.storeFile })
  const target = await openStore({ store: url })
  const back = await openStore({ store: join(ws.dir, '.upcheck', 'back.db') })
  try {
    const rows = await allRows(source)
    for (const table of [
      'runs',
      'run_evidence',
      'findings',
      'alerts',
      'alert_deliveries',
      'receipts',
      'handoffs',
      'baseline_acceptances',
      'alert_state',
    ])
      expect(rows[table]!.length, table).toBeGreaterThan(0)
    expect(await allRows(target)).toEqual(rows)
    // What the store answers is the same too: order, latest runs, pending alerts.
    expect(await target.listLatest()).toEqual(await source.listLatest())
    expect(await target.listRuns('posts-api')).toEqual(await source.listRuns('posts-api'))
    // A broken run's evidence and the receipt that signed it come across whole.
    const [broken] = await source.listRuns('posts-api')
    expect(broken?.status).toBe('broken')
    const read = await target.readRun('posts-api', broken!.id)
    expect(read?.run.evidence?.exchanges.length).toBeGreaterThan(0)
    expect(read).toEqual(await source.readRun('posts-api', broken!.id))
    expect(await target.outboxDepth()).toBe(await source.outboxDepth())
    expect(await target.outboxDepth()).toBeGreaterThan(0)
    expect(await target.pendingHandoff('posts-api')).toEqual(
      await source.pendingHandoff('posts-api'),
    )

    const returned = await ws.run(['store', 'migrate', '--from', url, '--to', '.upcheck/back.db'])
    expect(returned.code).toBe(0)
    expect(await allRows(back)).toEqual(rows)
  } finally {
    await Promise.all([source.close(), target.close(), back.close()])
  }
  for (const store of [url, '.upcheck/back.db']) {
    const verified = await ws.run(['receipts', 'posts-api', '--verify'], { UPCHECK_STORE: store })
    expect(verified.stderr).toBe('')
    expect(verified.code).toBe(0)
  }
})

it('refuses a target that holds history, and a source that is not there, changing nothing', async () => {
  await fillSqliteStore()
  const url = await server.createDatabase()
  expect((await ws.run(['store', 'migrate', '--to', url])).code).toBe(0)
  const target = await openStore({ store: url })
  const before = await allRows(target)
  await target.close()

  const again = await ws.run(['store', 'migrate', '--to', url])
  expect(again.code).toBe(2)
  expect(again.stderr).toMatch(
    /^error: The target store already holds \d+ rows of history; .* \[USAGE\]\n$/,
  )
  const after = await openStore({ store: url })
  expect(await allRows(after)).toEqual(before)
  await after.close()

  const missing = await ws.run(['store', 'migrate', '--from', 'nowhere.db', '--to', 'copy.db'])
  expect(missing.code).toBe(2)
  expect(missing.stderr).toMatch(/There is no store at .*nowhere\.db to migrate from/)
})

it('lists every column of every table the migrations create, so a new one is not left behind', async () => {
  const store = await openStore({ store: ws.storeFile })
  await store.close()
  const url = await server.createDatabase()
  await (await openStore({ store: url })).close()
  // Tables of the moment (leases, claims) rather than history would be named here.
  // The fleet's slot claims and worker registry coordinate the daemons running now.
  const notHistory: string[] = ['slot_claims', 'workers']
  const listed = Object.fromEntries(
    STORE_TABLES.map((t) => [t.name, t.columns.map(([name]) => name).sort()]),
  )

  const db = new Database(ws.storeFile, { readonly: true })
  const sqliteTables = db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all()
    .map((t) => t.name)
    .filter((name) => !notHistory.includes(name))
  const sqlite = Object.fromEntries(
    sqliteTables.map((name) => [
      name,
      db
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${name}')`)
        .all()
        .map((c) => c.name)
        .sort(),
    ]),
  )
  db.close()
  expect(sqlite).toEqual(listed)

  const client = new pg.Client(url)
  await client.connect()
  try {
    const { rows } = await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
         AND column_name <> 'seq' OR (table_name IN ('probe_results', 'findings') AND column_name = 'seq')
       ORDER BY table_name, column_name`,
    )
    const postgres: Record<string, string[]> = {}
    for (const row of rows)
      if (!notHistory.includes(row.table_name))
        (postgres[row.table_name] ??= []).push(row.column_name)
    expect(postgres).toEqual(listed)
  } finally {
    await client.end()
  }
})
