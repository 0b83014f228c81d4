import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../../src/store/index.js'
import { migrations } from '../../src/store/migrations.js'
import { sampleRun } from './helpers/sample-run.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upcheck-store-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('the SQLite store', () => {
  it('returns a recorded run with its probes and findings intact', () => {
    const store = createSqliteStore(join(dir, 'state.db'))
    const run = sampleRun('r1', 'posts-api', '2026-11-25T08:00:00.000Z', 'broken')
    store.recordRun(run)
    expect(store.latestRun('posts-api')).toEqual(run)
    store.close()
  })

  it('keeps lastVerifiedAt at the latest verified run while later runs are broken', () => {
    const store = createSqliteStore(join(dir, 'state.db'))
    store.recordRun(sampleRun('r1', 'posts-api', '2026-11-24T08:00:00.000Z', 'verified'))
    store.recordRun(sampleRun('r2', 'posts-api', '2026-11-25T08:00:00.000Z', 'broken'))
    store.recordRun(sampleRun('r3', 'other-api', '2026-11-25T09:00:00.000Z', 'verified'))
    expect(store.lastVerifiedAt('posts-api')).toBe('2026-11-24T08:00:00.000Z')
    expect(store.latestRun('posts-api')?.status).toBe('broken')
    expect(store.listLatest()).toEqual([
      {
        contract: 'other-api',
        status: 'verified',
        finishedAt: '2026-11-25T09:00:00.000Z',
        lastVerifiedAt: '2026-11-25T09:00:00.000Z',
      },
      {
        contract: 'posts-api',
        status: 'broken',
        finishedAt: '2026-11-25T08:00:00.000Z',
        lastVerifiedAt: '2026-11-24T08:00:00.000Z',
      },
    ])
    expect(store.lastVerifiedAt('never-run')).toBeUndefined()
    store.close()
  })

  it('keeps data across reopening and does not re-run migrations', () => {
    const file = join(dir, 'nested', 'state.db')
    const first = createSqliteStore(file)
    first.recordRun(sampleRun('r1', 'posts-api', '2026-11-24T08:00:00.000Z', 'verified'))
    first.close()
    const second = createSqliteStore(file)
    expect(second.listRuns('posts-api').map((r) => r.id)).toEqual(['r1'])
    second.close()
    const raw = new Database(file)
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(raw.pragma('user_version', { simple: true })).toBe(migrations.length)
    raw.close()
  })

  it('writes nothing of a run whose insert fails halfway', () => {
    const store = createSqliteStore(join(dir, 'state.db'))
    const run = sampleRun('r1', 'posts-api', '2026-11-25T08:00:00.000Z', 'broken')
    // A probe without an operation violates NOT NULL after the run row was inserted.
    ;(run.probes[1] as { operation: unknown }).operation = null
    expect(() => store.recordRun(run)).toThrow(/Failed to record run r1/)
    expect(store.latestRun('posts-api')).toBeUndefined()
    store.close()
  })

  it('refuses a store written by a newer schema with a message saying to upgrade', () => {
    const file = join(dir, 'state.db')
    const raw = new Database(file)
    raw.pragma('user_version = 99')
    raw.close()
    expect(() => createSqliteStore(file)).toThrow(/newer upcheck.*Upgrade upcheck/)
  })

  it('keeps every finished run and a readable database when the writer is killed mid-run', async () => {
    const file = join(dir, 'state.db')
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'helpers/write-runs-forever.ts'), file],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    const finished: string[] = []
    let buffered = ''
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString()
        const lines = buffered.split('\n')
        buffered = lines.pop() ?? ''
        for (const line of lines) finished.push(line.replace('recorded ', ''))
        if (finished.length >= 40 && !child.killed) {
          child.kill('SIGKILL')
          resolve()
        }
      })
    })
    await new Promise((resolve) => child.once('exit', resolve))

    const raw = new Database(file, { readonly: true })
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok')
    raw.close()
    const store = createSqliteStore(file)
    const stored = new Map(store.listRuns('posts-api', 100_000).map((r) => [r.id, r]))
    for (const id of finished) {
      expect(stored.get(id), `finished run ${id} is in the store`).toBeDefined()
      expect(stored.get(id)?.counts.total).toBe(20)
    }
    // No half-written run: every stored run has all its probes.
    const raw2 = new Database(file, { readonly: true })
    const partial = raw2
      .prepare(
        `SELECT r.id FROM runs r WHERE (SELECT count(*) FROM probe_results p WHERE p.run_id = r.id) <> r.total`,
      )
      .all()
    raw2.close()
    expect(partial).toEqual([])
    store.close()
  })
})
