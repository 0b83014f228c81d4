import { access } from 'node:fs/promises'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { UpcheckError } from '../../src/model/index.js'
import { createPostgresStore, openStore } from '../../src/store/index.js'
import { postgresMigrations } from '../../src/store/postgres-migrations.js'
import { usePostgres } from '../support/start-postgres.js'
import { sendJson as json, startLocalUpstream } from '../support/local-upstream.js'
import { createProject, typedInteraction } from '../support/project.js'
import { describeStore } from './describe-store.js'
import { sampleRun } from '../support/store-fixtures.js'

const server = usePostgres()

describeStore('PostgreSQL', async () => {
  const url = await server.createDatabase()
  return { open: () => createPostgresStore(url), dispose: async () => {} }
})

describe('the PostgreSQL store server', () => {
  it('is what openStore opens for a postgres:// URL', async () => {
    const url = await server.createDatabase()
    const opened = await openStore({ store: url.replace(/^postgres:/, 'postgresql:') })
    await opened.recordRun(sampleRun('r1', 'posts-api', '2026-11-25T08:00:00.000Z', 'verified'))
    await opened.close()
    const direct = await createPostgresStore(url)
    expect((await direct.listRuns('posts-api')).map((r) => r.id)).toEqual(['r1'])
    await direct.close()
  })

  it('migrates once when several workers start on a fresh database at once', async () => {
    const url = await server.createDatabase()
    const stores = await Promise.all(Array.from({ length: 5 }, () => createPostgresStore(url)))
    await Promise.all(stores.map((s) => s.close()))
    const client = new pg.Client(url)
    await client.connect()
    try {
      const versions = await client.query('SELECT version FROM schema_migrations ORDER BY version')
      expect(versions.rows).toEqual(postgresMigrations.map((_, i) => ({ version: i + 1 })))
      // PostgreSQL's own types, not SQLite's text and integers.
      const types = await client.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM information_schema.columns
         WHERE (table_name, column_name) IN (('runs', 'finished_at'), ('alert_state', 'stale_alerted'), ('findings', 'affects_interactions'))
         ORDER BY column_name`,
      )
      expect(types.rows).toEqual([
        { column_name: 'affects_interactions', data_type: 'boolean' },
        { column_name: 'finished_at', data_type: 'timestamp with time zone' },
        { column_name: 'stale_alerted', data_type: 'boolean' },
      ])
    } finally {
      await client.end()
    }
  })

  it('fails to open an unreachable server in one line naming host:port, never the password', async () => {
    const closed = await findClosedPort()
    const error = await openStore({
      store: `postgres://upcheck:s3cret-pw@127.0.0.1:${closed}/upcheck`,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UpcheckError)
    const message = (error as UpcheckError).message
    expect(message).toMatch(
      new RegExp(`^Failed to open the store at 127\\.0\\.0\\.1:${closed}/upcheck: .*ECONNREFUSED`),
    )
    expect(message).not.toContain('s3cret-pw')
    expect(message).not.toContain('\n')
  })

  it('does not print the password when it is wrong', async () => {
    const url = new URL(await server.createDatabase())
    url.password = 'wrong-s3cret'
    const error = await createPostgresStore(url.href).catch((e: unknown) => e)
    expect((error as Error).message).toMatch(/^Failed to open the store at localhost:\d+\/store_/)
    expect((error as Error).message).not.toContain('wrong-s3cret')
  })
})

/** A port nothing listens on: one the system just handed out and took back. */
function findClosedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

describe('the CLI on a PostgreSQL store', () => {
  it('records runs where UPCHECK_STORE or --store points, with the password from PGPASSWORD', async () => {
    const ws = await createProject()
    const upstream = await startLocalUpstream((_req, res) => json(res, 200, { id: 1, title: 'x' }))
    try {
      await ws.writeContract('posts-api', {
        baseUrl: `${upstream.origin}/api`,
        interactions: [typedInteraction('get post 1', '/posts/1', { id: 1, title: 'hello' })],
      })
      const url = new URL(await server.createDatabase())
      const password = decodeURIComponent(url.password)
      url.password = ''
      const viaEnv = await ws.run(['verify'], { UPCHECK_STORE: url.href, PGPASSWORD: password })
      expect(viaEnv.stderr).toBe('')
      expect(viaEnv.code).toBe(0)
      const viaFlag = await ws.run(['verify', '--store', url.href], { PGPASSWORD: password })
      expect(viaFlag.code).toBe(0)

      const store = await createPostgresStore(`${url.href}`.replace('@', `:${password}@`))
      expect((await store.listRuns('posts-api')).map((r) => r.status)).toEqual([
        'verified',
        'verified',
      ])
      await store.close()
      await expect(access(join(ws.dir, '.upcheck/state.db'))).rejects.toThrow()
    } finally {
      await upstream.close()
      await ws.cleanup()
    }
  }, 60_000)
})
