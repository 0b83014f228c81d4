import type { ServerResponse } from 'node:http'
import { expect, it } from 'vitest'
import { createSqliteStore } from '../../src/store/index.js'
import { startCliProcess } from '../support/cli-process.js'
import { sendJson, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'

const project = useProject({ confirm: 0 })
const upstream = useLocalUpstream((_req, res) => sendJson(res, 200, { id: 1 }))

it('stops on SIGTERM mid-run: lets the run finish, stores it, starts no other, and exits 0', async () => {
  let requests = 0
  let held: ServerResponse | undefined
  let arrived: () => void = () => {}
  const firstRequest = new Promise<void>((resolve) => (arrived = resolve))
  upstream.handle = (_req, res) => {
    requests++
    held = res
    arrived()
  }
  await project.writeContract('posts-api', {
    baseUrl: upstream.origin,
    interactions: [typedInteraction('get post 1', '/posts/1', { id: 1 })],
    extra: 'schedule: "* * * * * *"',
  })

  const child = startCliProcess(['schedule', '--grace', '20s'], {
    cwd: project.dir,
    env: { UPCHECK_TEST_TOKEN: 'tok-0a1b2c3d' },
  })

  await firstRequest
  const stopped = child.stop('SIGTERM')
  await child.waitFor(/stopping: waiting up to 20 s for 1 running run\(s\): posts-api/)
  sendJson(held!, 200, { id: 1 })
  const { code, signal, stdout, stderr } = await stopped

  expect({ code, signal }).toEqual({ code: 0, signal: null })
  // No SMTP and no webhook: said once at start, and nothing else goes wrong.
  expect(stderr).toMatch(/^\S+ warning: alerts have nowhere to go for posts-api: [^\n]*\n$/)
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
