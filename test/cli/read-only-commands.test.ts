import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { typedInteraction, useProject } from '../support/project.js'

const ws = useProject()

it('never creates .upcheck when only reading: status, receipts, validate, interactions', async () => {
  await ws.writeContract('posts-api', {
    baseUrl: 'http://127.0.0.1:9',
    interactions: [typedInteraction('get one', '/one', { id: 1 })],
  })
  const status = await ws.run(['status', '--json'])
  expect(status.code).toBe(0)
  expect(JSON.parse(status.stdout).contracts).toMatchObject([
    { name: 'posts-api', status: 'never run' },
  ])
  expect((await ws.run(['receipts', 'posts-api'])).stderr).toMatch(/No receipts for "posts-api"/)
  expect((await ws.run(['validate'])).code).toBe(0)
  expect((await ws.run(['interactions', 'posts-api'])).code).toBe(0)
  expect(existsSync(join(ws.dir, '.upcheck'))).toBe(false)
})

it('finds upcheck.config.yaml from a subfolder, so commands work anywhere in the project', async () => {
  await ws.writeFile('upcheck.config.yaml', 'contracts: specs\n')
  await mkdir(join(ws.dir, 'specs'))
  await mkdir(join(ws.dir, 'services', 'billing'), { recursive: true })
  await ws.writeFile(
    'specs/posts-api.yaml',
    'name: posts-api\nowner: ann@example.com\nupstream:\n  baseUrl: http://127.0.0.1:9\n',
  )
  let stdout = ''
  const code = await main(['status', '--json'], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: () => {} },
    env: {},
    cwd: () => join(ws.dir, 'services', 'billing'),
  })
  expect(code).toBe(0)
  expect(JSON.parse(stdout).contracts.map((c: { name: string }) => c.name)).toEqual(['posts-api'])
  expect(existsSync(join(ws.dir, 'services', 'billing', '.upcheck'))).toBe(false)
})
