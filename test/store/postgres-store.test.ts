import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPostgresStore, openStore } from '../../src/store/index.js'
import { startTestPostgres, type TestPostgres } from '../support/start-postgres.js'
import { describeStore } from './describe-store.js'
import { sampleRun } from './helpers/sample-run.js'

// One real PostgreSQL server for the file; each test gets a database of its own.
let server: TestPostgres
beforeAll(async () => {
  server = await startTestPostgres()
}, 120_000)
afterAll(async () => {
  await server?.stop()
}, 60_000)

describeStore('PostgreSQL', async () => {
  const url = await server.createDatabase()
  return { open: () => createPostgresStore(url), dispose: async () => {} }
})
