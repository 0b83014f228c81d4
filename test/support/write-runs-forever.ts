// A child process for the crash test: records runs until killed, printing each id once
// recordRun has returned, so the parent knows which runs count as finished.
import { createSqliteStore } from '../../src/store/index.js'
import { sampleRun } from './store-fixtures.js'

const store = createSqliteStore(process.argv[2]!)
for (let i = 0; ; i++) {
  const finishedAt = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString()
  await store.recordRun(
    sampleRun(`run-${i}`, 'posts-api', finishedAt, i % 3 === 0 ? 'verified' : 'broken', 20),
  )
  process.stdout.write(`recorded run-${i}\n`)
}
