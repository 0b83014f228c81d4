// A child process for the concurrent-open test: loads everything, says "ready", and on "go"
// (stdin) opens the store, records a run with an alert and claims deliveries, as a verify does.
import { createInterface } from 'node:readline'
import { createSqliteStore } from '../../src/store/index.js'
import { sampleRun } from './store-fixtures.js'

const [file, id] = [process.argv[2]!, process.argv[3]!]
process.stdout.write('ready\n')
await new Promise((resolve) => createInterface({ input: process.stdin }).once('line', resolve))
const store = createSqliteStore(file)
const finishedAt = new Date(Date.UTC(2026, 0, 1)).toISOString()
await store.recordRun(sampleRun(id, 'posts-api', finishedAt, 'broken'), (current) => ({
  state: { contract: 'posts-api', status: 'broken', unreachableStreak: 0, staleAlerted: false },
  alerts: current.previous
    ? []
    : [
        {
          id: `alert-${id}`,
          contract: 'posts-api',
          kind: 'broken',
          createdAt: finishedAt,
          facts: {},
          deliveries: [{ channel: 'email', target: '[]' }],
        },
      ],
}))
const claimed = await store.claimDeliveries({
  now: Date.parse(finishedAt),
  leaseMs: 60_000,
  limit: 10,
  channels: ['email'],
  dueOnly: false,
})
for (const delivery of claimed) await store.markDelivered(delivery, finishedAt)
await store.close()
process.stdout.write('done\n')
