import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createSqliteStore } from '../../src/store/index.js'
import {
  sendJson as json,
  startLocalUpstream,
  type LocalUpstream,
} from '../support/local-upstream.js'
import { createProject, typedInteraction, type Project } from '../support/project.js'

let ws: Project
let upstream: LocalUpstream | undefined

beforeEach(async () => {
  ws = await createProject()
})
afterEach(async () => {
  await upstream?.close()
  await ws.cleanup()
})

/** @note Overlapping cron jobs: each process migrates, records and claims on one file. */
it('verifies in every one of several verify processes started together on a fresh store', async () => {
  upstream = await startLocalUpstream((_req, res) => json(res, 200, { id: 1 }))
  await ws.writeContract('posts-api', {
    baseUrl: upstream.origin,
    interactions: [typedInteraction('one', '/one', { id: 1 })],
  })
  await ws.writeFile(
    'upcheck.config.yaml',
    'store: .upcheck/state.db\ncontracts: contracts\nreports: reports\n',
  )
  const children = Array.from({ length: 3 }, (_, i) =>
    spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, '../support/run-cli.ts'),
        '--config',
        join(ws.dir, 'upcheck.config.yaml'),
        '--reports',
        join(ws.dir, `reports-${i}`),
        'verify',
      ],
      { env: { ...process.env, UPCHECK_TEST_TOKEN: 'test-token' }, stdio: 'pipe' },
    ),
  )
  const results = await Promise.all(
    children.map(
      (child) =>
        new Promise<{ code: number | null; stderr: string }>((resolve) => {
          let stderr = ''
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
          child.once('exit', (code) => resolve({ code, stderr }))
        }),
    ),
  )
  for (const result of results) expect(result).toEqual({ code: 0, stderr: '' })
  const store = createSqliteStore(join(ws.dir, '.upcheck/state.db'))
  try {
    const runs = await store.listRuns('posts-api')
    expect(runs.map((r) => r.status)).toEqual(['verified', 'verified', 'verified'])
  } finally {
    await store.close()
  }
}, 60_000)
