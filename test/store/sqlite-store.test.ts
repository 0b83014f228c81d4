import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../../src/store/index.js'
import { migrations } from '../../src/store/migrations.js'
import { describeStore } from './describe-store.js'
import { sampleRun } from '../support/store-fixtures.js'

describeStore('SQLite', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'upcheck-store-'))
  return {
    open: async () => createSqliteStore(join(folder, 'state.db')),
    dispose: () => rm(folder, { recursive: true, force: true }),
  }
})

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upcheck-store-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('the SQLite store file', () => {
  it('keeps data across reopening and does not re-run migrations', async () => {
    const file = join(dir, 'nested', 'state.db')
    const first = createSqliteStore(file)
    await first.recordRun(sampleRun('r1', 'posts-api', '2026-11-24T08:00:00.000Z', 'verified'))
    await first.close()
    const second = createSqliteStore(file)
    expect((await second.listRuns('posts-api')).map((r) => r.id)).toEqual(['r1'])
    await second.close()
    const raw = new Database(file)
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(raw.pragma('user_version', { simple: true })).toBe(migrations.length)
    raw.close()
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
      ['--import', 'tsx', join(import.meta.dirname, '../support/write-runs-forever.ts'), file],
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
    const stored = new Map((await store.listRuns('posts-api', 100_000)).map((r) => [r.id, r]))
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
    await store.close()
  })

  it('serves several processes opening one fresh file at once: one migrates, none fails', async () => {
    const file = join(dir, 'state.db')
    const children = Array.from({ length: 6 }, (_, i) =>
      spawn(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, '../support/open-at-go.ts'), file, `r${i}`],
        { stdio: ['pipe', 'pipe', 'pipe'] },
      ),
    )
    const outcomes = children.map((child) => {
      let stdout = ''
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const ready = new Promise<void>((resolve) =>
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString()
          if (stdout.includes('ready')) resolve()
        }),
      )
      const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>(
        (resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })),
      )
      return { ready, exited }
    })
    // Every child is loaded before any opens the file, so the opens really race.
    await Promise.all(outcomes.map((o) => o.ready))
    for (const child of children) child.stdin.end('go\n')
    const results = await Promise.all(outcomes.map((o) => o.exited))
    for (const result of results)
      expect(result).toEqual({ code: 0, stdout: 'ready\ndone\n', stderr: '' })

    const store = createSqliteStore(file)
    expect((await store.listRuns('posts-api')).map((r) => r.id).sort()).toEqual(
      children.map((_, i) => `r${i}`),
    )
    expect(await store.listAlerts('posts-api')).toHaveLength(1)
    expect(await store.outboxDepth()).toBe(0)
    await store.close()
  }, 60_000)
})
