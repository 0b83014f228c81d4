import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { typedInteraction, useProject } from '../support/project.js'

const ws = useProject()

async function writeTwo() {
  return ws.writeContract('posts-api', {
    baseUrl: 'http://127.0.0.1:9',
    interactions: [
      { ...typedInteraction('get post 1', '/posts/1', { id: 1 }), key: 'k-get' },
      typedInteraction('create post', '/posts', { id: 2 }, 'POST'),
    ],
  })
}

it('lists the interactions, saying which verify replays and why not, without creating .upcheck', async () => {
  await writeTwo()
  const text = await ws.run(['interactions', 'posts-api'])
  expect(text.code).toBe(0)
  expect(text.stdout).toBe(
    [
      'posts-api: 2 interaction(s) in contracts/posts-api.pact.json, 1 replayed by verify',
      '  get post 1  GET /posts/{id} → 200  [k-get]',
      '- create post  POST /posts → 200',
      '    not replayed: POST is not replayed without probe.allowUnsafe: true (set it if replaying it against the live upstream is safe)',
      '',
    ].join('\n'),
  )
  const json = JSON.parse((await ws.run(['interactions', 'posts-api', '--json'])).stdout)
  expect(json.interactions).toEqual([
    {
      description: 'get post 1',
      key: 'k-get',
      operation: 'GET /posts/{id}',
      status: 200,
      replayed: true,
    },
    {
      description: 'create post',
      operation: 'POST /posts',
      status: 200,
      replayed: false,
      reason: expect.stringContaining('probe.allowUnsafe'),
    },
  ])
  expect(existsSync(join(ws.dir, '.upcheck'))).toBe(false)
})

it('removes an interaction by description or key, keeping the rest of the file', async () => {
  const file = await writeTwo()
  const removed = await ws.run(['interactions', 'posts-api', '--remove', 'create post'])
  expect(removed.code).toBe(0)
  expect(removed.stdout).toBe(
    'removed 1 interaction(s) from contracts/posts-api.pact.json: "create post"\n',
  )
  const left = JSON.parse(await readFile(file, 'utf8'))
  expect(left.interactions.map((i: { description: string }) => i.description)).toEqual([
    'get post 1',
  ])
  expect(left.interactions[0].response.body.content).toEqual({ id: 1 })

  expect((await ws.run(['interactions', 'posts-api', '--remove', 'k-get'])).code).toBe(0)
  expect(JSON.parse(await readFile(file, 'utf8')).interactions).toEqual([])
})

it('names the closest description when none matches, and changes nothing', async () => {
  const file = await writeTwo()
  const before = await readFile(file, 'utf8')
  const result = await ws.run(['interactions', 'posts-api', '--remove', 'get post 2'])
  expect(result.code).toBe(2)
  expect(result.stderr).toMatch(
    /No interaction with the key or description "get post 2" in .*Did you mean "get post 1"\? \[USAGE\]\n$/,
  )
  expect(await readFile(file, 'utf8')).toBe(before)
})

it('suggests the closest contract name for a mistyped one', async () => {
  await writeTwo()
  const result = await ws.run(['interactions', 'post-api'])
  expect(result.code).toBe(2)
  expect(result.stderr).toMatch(
    /No contract named "post-api" in contracts\. Did you mean "posts-api"\? Known contracts: posts-api\. \[USAGE\]\n$/,
  )
})
