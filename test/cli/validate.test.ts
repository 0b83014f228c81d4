import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { sendJson as json, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'

const ws = useProject()
const upstream = useLocalUpstream()
const minimalSpec = JSON.stringify({
  openapi: '3.0.3',
  info: { title: 'posts', version: '1' },
  paths: { '/one': { get: { responses: { '200': { description: 'ok' } } } } },
})

async function writeGood(name: string, extra = '') {
  await ws.writeContract(name, {
    baseUrl: upstream.origin,
    interactions: [typedInteraction('get one', '/one', { id: 1 })],
    extra,
  })
}

it('passes a valid workspace without contacting the upstream or creating .upcheck', async () => {
  let requests = 0
  upstream.handle = (_req, res) => {
    requests++
    json(res, 200, { id: 1 })
  }
  await writeGood('posts-api', 'baseline: posts-api.openapi.json')
  await ws.writeFile('contracts/posts-api.openapi.json', minimalSpec)
  await writeGood('users-api', 'baseline: users-api.openapi.json')

  const result = await ws.run(['validate'])
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  expect(result.stdout).toBe(
    [
      'posts-api: ok (1 interaction(s), baseline valid)',
      'users-api: ok (1 interaction(s), baseline not pinned yet)',
      'valid: 2 contract(s), nothing contacted',
      '',
    ].join('\n'),
  )
  expect(requests).toBe(0)
  expect(existsSync(join(ws.dir, '.upcheck'))).toBe(false)
  expect(existsSync(join(ws.dir, 'reports'))).toBe(false)
})

it('lists every problem of every contract, one bad file never hiding another, and exits 2', async () => {
  await writeGood('good-api')
  await writeGood('spec-api', 'baseline: spec-api.openapi.json')
  await ws.writeFile('contracts/spec-api.openapi.json', '{"openapi": "4.0.0", "paths": []}')
  await writeGood('pact-api')
  await ws.writeFile('contracts/pact-api.pact.json', '{"interactions": [\n  {"description": }\n]}')
  await ws.writeFile('contracts/broken.yaml', 'name: broken\nowner: [\n')

  const result = await ws.run(['validate'])
  expect(result.code).toBe(2)
  const errors = result.stderr.trim().split('\n')
  expect(errors).toHaveLength(3)
  expect(errors.find((l) => l.includes('broken.yaml'))).toMatch(/\[CONTRACT_UNREADABLE\]$/)
  expect(errors.find((l) => l.includes('pact-api.pact.json'))).toMatch(
    /pact-api\.pact\.json:2:\d+: .*\[PACT_UNREADABLE\]$/,
  )
  expect(errors.find((l) => l.includes('spec-api.openapi.json'))).toMatch(/\[SPEC_INVALID\]$/)
  expect(result.stdout).toContain('good-api: ok (1 interaction(s))\n')
  expect(result.stdout).toMatch(/invalid: 3 problem\(s\), listed above\n$/)

  const one = await ws.run(['validate', 'good-api', '--json'])
  // The unreadable contract file is still reported: it may be the one the name meant.
  expect(one.code).toBe(2)
  const report = JSON.parse(one.stdout)
  expect(report).toMatchObject({
    schemaVersion: 1,
    valid: false,
    contracts: [{ contract: 'good-api', interactions: 1, baseline: 'none', errors: [] }],
    errors: [{ code: 'CONTRACT_UNREADABLE', file: 'contracts/broken.yaml' }],
  })
})

it('refuses a contract that could never check anything, as verify does', async () => {
  await ws.writeContract('writes-api', {
    baseUrl: upstream.origin,
    interactions: [typedInteraction('create one', '/one', { id: 1 }, 'POST')],
  })
  const result = await ws.run(['validate'])
  expect(result.code).toBe(2)
  expect(result.stderr).toMatch(
    /^error: contracts\/writes-api\.yaml:\d+:\d+: interactions: nothing to check: .*\[CONTRACT_INVALID\]\n$/,
  )
})
