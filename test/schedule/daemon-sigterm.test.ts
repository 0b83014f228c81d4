import { spawn } from 'node:child_process'
import { once } from 'node:events'
import type { ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createSqliteStore } from '../../src/store/index.js'
import {
  createProject,
  sendJson,
  startUpstream,
  typedInteraction,
  type Project,
} from '../alerts/support/project.js'

let project: Project
let upstream: Awaited<ReturnType<typeof startUpstream>>

beforeEach(async () => {
  project = await createProject()
})
afterEach(async () => {
  await upstream.close()
  await project.cleanup()
})

// tsx is resolved from here: the child runs in a temporary folder that has no node_modules.
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

it('stops on SIGTERM mid-run: lets the run finish, stores it, starts no other, and exits 0', async () => {
  let requests = 0
  let held: ServerResponse | undefined
  let arrived: () => void = () => {}
  const firstRequest = new Promise<void>((resolve) => (arrived = resolve))
  upstream = await startUpstream((_req, res) => {
    requests++
    held = res
    arrived()
  })
  await project.writeContract('posts-api', {
    baseUrl: upstream.url,
    interactions: [typedInteraction('get post 1', '/posts/1', { id: 1 })],
    extra: 'schedule: "* * * * * *"',
  })

  const child = spawn(
    process.execPath,
    [
      '--import',
      tsx,
      join(import.meta.dirname, 'support/run-cli.ts'),
      'schedule',
      '--grace',
      '20s',
    ],
    {
      cwd: project.dir,
      env: { ...process.env, POSTS_TOKEN: 'tok-0a1b2c3d' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
  const waiting = new Promise<void>((resolve) =>
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk
      if (stdout.includes('stopping: waiting up to 20 s for 1 running run(s): posts-api')) resolve()
    }),
  )
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>

  await firstRequest
  child.kill('SIGTERM')
  await waiting
  sendJson(held!, 200, { id: 1 })
  const [code, signal] = await exited

  expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: '' })
  expect(stdout).toMatch(/posts-api verified \(1\/1 passed\)/)
  expect(stdout).toMatch(/stopped\n$/)
  expect(requests).toBe(1)
  const store = createSqliteStore(project.storeFile)
  try {
    expect(await store.listRuns('posts-api')).toEqual([
      expect.objectContaining({
        status: 'verified',
        counts: expect.objectContaining({ passed: 1 }),
      }),
    ])
  } finally {
    await store.close()
  }
})
