import { join } from 'node:path'
import Database from 'better-sqlite3'
import { expect, it } from 'vitest'
import { createSqliteStore } from '../../src/store/index.js'
import { migrations } from '../../src/store/migrations.js'
import { useTempDir } from '../support/temp-dir.js'

const dir = useTempDir('store', { scope: 'test' })

// Migration 5 rebuilds alerts and alert_deliveries to allow the sunset kind: a store written
// before it must keep its pending deliveries, its alert state and its foreign keys.
it('keeps alerts, pending deliveries and alert state across the sunset migration', async () => {
  const file = join(dir.path, 'state.db')
  const raw = new Database(file)
  for (const sql of migrations.slice(0, 3)) raw.exec(sql)
  raw.pragma('user_version = 3')
  raw.exec(`INSERT INTO alert_state (contract, status, stale_alerted) VALUES ('posts-api', 'broken', 1);
    INSERT INTO alerts VALUES ('a1', 'posts-api', 'broken', NULL, '2026-11-25T08:00:00.000Z', '{"kind":"broken"}');
    INSERT INTO alert_deliveries (alert_id, channel, target, next_attempt_at) VALUES ('a1', 'email', '["ann@example.com"]', 0);`)
  raw.close()

  const store = createSqliteStore(file)
  try {
    const claimed = await store.claimDeliveries({
      now: Date.now(),
      leaseMs: 1000,
      limit: 10,
      channels: ['email'],
      dueOnly: false,
    })
    expect(claimed.map((d) => [d.alertId, d.kind, d.target])).toEqual([
      ['a1', 'broken', '["ann@example.com"]'],
    ])
    await store.recordRun(
      {
        id: 'r1',
        contract: 'posts-api',
        status: 'verified',
        startedAt: '2026-11-26T08:00:00.000Z',
        finishedAt: '2026-11-26T08:00:00.000Z',
        counts: { total: 0, passed: 0, failed: 0, skipped: 0, unreachable: 0 },
        probes: [],
        findings: [],
      },
      ({ previous }) => {
        expect(previous).toMatchObject({ status: 'broken', staleAlerted: true })
        expect(previous?.sunsetsAlerted).toBeUndefined()
        return {
          state: { ...previous!, sunsetsAlerted: ['GET /a 2026-12-01T00:00:00Z'] },
          alerts: [
            {
              id: 'a2',
              contract: 'posts-api',
              kind: 'sunset',
              createdAt: '2026-11-26T08:00:00.000Z',
              facts: {},
              deliveries: [{ channel: 'email', target: '[]' }],
            },
          ],
        }
      },
    )
    expect((await store.listAlerts('posts-api')).map((a) => a.kind)).toEqual(['sunset', 'broken'])
  } finally {
    await store.close()
  }
  const check = new Database(file)
  expect(check.pragma('foreign_key_check')).toEqual([])
  expect(
    check.prepare(`SELECT sunsets_alerted FROM alert_state WHERE contract = 'posts-api'`).get(),
  ).toEqual({ sunsets_alerted: '["GET /a 2026-12-01T00:00:00Z"]' })
  expect(check.pragma('foreign_key_list(alert_deliveries)')).toEqual([
    expect.objectContaining({ table: 'alerts', on_delete: 'CASCADE' }),
  ])
  expect(check.prepare(`SELECT name FROM sqlite_master WHERE name LIKE '%_v3'`).all()).toEqual([])
  check.close()
})
