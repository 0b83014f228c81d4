import { expect, it } from 'vitest'
import type { CronScheduler } from '../../src/schedule/index.js'
import { createSqliteStore } from '../../src/store/index.js'
import { sendJson as json, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'
import { sampleRun } from '../support/store-fixtures.js'
import { startTestDaemon } from '../support/test-daemon.js'

const ws = useProject()
const upstream = useLocalUpstream()
const env = { UPCHECK_TEST_TOKEN: 'test-token' }
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString()

it('prunes runs older than the retention after a verify, keeping receipts and the last verified run', async () => {
  upstream.handle = (_req, res) => json(res, 200, { id: 1 })
  await ws.writeFile('upcheck.config.yaml', 'retention: 7d\n')
  await ws.writeContract('posts-api', {
    baseUrl: upstream.origin,
    interactions: [typedInteraction('one', '/one', { id: 1 })],
  })
  expect((await ws.run(['verify'], env)).code).toBe(0)
  const seeded = createSqliteStore(ws.storeFile)
  await seeded.recordRun(sampleRun('old-1', 'posts-api', daysAgo(30), 'verified'))
  await seeded.recordRun(sampleRun('old-2', 'posts-api', daysAgo(8), 'broken'))
  await seeded.recordRun(sampleRun('recent', 'posts-api', daysAgo(6), 'broken'))
  // The only run of a contract no longer verified is kept whatever its age.
  await seeded.recordRun(sampleRun('gone-api', 'gone-api', daysAgo(400), 'verified'))
  const receiptsBefore = await seeded.listReceipts('posts-api')
  await seeded.close()

  expect((await ws.run(['verify'], env)).code).toBe(0)

  const store = createSqliteStore(ws.storeFile)
  try {
    const ids = (await store.listRuns('posts-api')).map((r) => r.id)
    expect(ids).toHaveLength(3)
    expect(ids).toContain('recent')
    expect(ids).not.toContain('old-1')
    expect(ids).not.toContain('old-2')
    expect((await store.listRuns('gone-api')).map((r) => r.id)).toEqual(['gone-api'])
    expect((await store.listReceipts('posts-api')).slice(0, receiptsBefore.length)).toEqual(
      receiptsBefore,
    )
  } finally {
    await store.close()
  }
})

it('prunes in the daemon after a freshness check, at most hourly', async () => {
  await ws.writeFile('upcheck.config.yaml', 'retention: 1d\n')
  await ws.writeContract('posts-api', {
    baseUrl: upstream.origin,
    interactions: [typedInteraction('one', '/one', { id: 1 })],
    extra: 'schedule: "0 0 1 1 *"',
  })
  const seeded = createSqliteStore(ws.storeFile)
  for (const [id, days] of [
    ['a', 5],
    ['b', 4],
    ['latest', 0],
  ] as const)
    await seeded.recordRun(sampleRun(id, 'posts-api', daysAgo(days), 'broken'))
  await seeded.close()

  let now = Date.now()
  const fires: (() => void)[] = []
  const cron: CronScheduler = {
    schedule: (_expression, _name, handlers) => {
      fires.push(() => handlers.onFire(new Date(now)))
      return { stop: () => {} }
    },
  }
  const test = await startTestDaemon(ws, { env, cron, clock: { now: () => now } })
  try {
    expect((await test.waitFor('pruned')).runs).toBe(2)
    expect((await test.store.listRuns('posts-api')).map((r) => r.id)).toEqual(['latest'])
    // Within the hour the freshness checks do not prune again; after it, they do.
    now += 30 * 60_000
    for (const fire of fires) fire()
    await test.waitFor('freshness-checked', 2)
    now += 31 * 60_000
    for (const fire of fires) fire()
    await test.waitFor('pruned', 2)
    expect(test.seen.filter((e) => e.type === 'pruned')).toHaveLength(2)
    expect(test.seen.filter((e) => e.type === 'freshness-checked')).toHaveLength(3)
  } finally {
    await test.stop()
  }
})
