import { beforeEach, describe, expect, it } from 'vitest'
import { useProject } from '../support/project.js'
import { getPostById } from '../support/openapi-documents.js'

const ws = useProject()

const doc = (idType: string, extraPath = false) =>
  JSON.stringify({
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: {
      ...getPostById({
        type: 'object',
        properties: { id: { type: idType }, title: { type: 'string' } },
      }),
      ...(extraPath ? { '/tags': { get: { responses: { '200': { description: 'ok' } } } } } : {}),
    },
  })

beforeEach(async () => {
  await ws.writeFile('base.json', doc('integer'))
  await ws.writeFile('same.json', doc('integer'))
  await ws.writeFile('added.json', doc('integer', true))
  await ws.writeFile('retyped.json', doc('string'))
})

describe('upcheck diff', () => {
  it('exits 0 for identical documents and for an added operation', async () => {
    expect((await ws.run(['diff', 'base.json', 'same.json'])).code).toBe(0)
    const added = await ws.run(['diff', 'base.json', 'added.json'])
    expect(added.code).toBe(0)
    expect(added.stdout).toContain('GET /tags')
  })

  it('exits 1 and names the rule when a response field changes type', async () => {
    const result = await ws.run(['diff', 'base.json', 'retyped.json'])
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/GET \/posts\/\{id\}/)
    expect(result.stdout).toMatch(/breaking/)
  })

  it('prints the JSON shape with --format json (or --json) and honours --fail-on never', async () => {
    const result = await ws.run([
      'diff',
      'base.json',
      'retyped.json',
      '--format',
      'json',
      '--fail-on',
      'never',
    ])
    expect(result.code).toBe(0)
    const json = JSON.parse(result.stdout)
    expect(json).toMatchObject({
      base: expect.any(String),
      revision: expect.any(String),
      summary: { breaking: expect.any(Number) },
    })
    expect(json.changes[0]).toMatchObject({
      rule: expect.any(String),
      severity: 'breaking',
      operation: 'GET /posts/{id}',
      path: expect.any(Object),
    })
    expect(
      JSON.parse((await ws.run(['--json', 'diff', 'base.json', 'retyped.json'])).stdout).summary
        .breaking,
    ).toBeGreaterThan(0)
  })

  it('exits 2 naming the file when a document cannot be read', async () => {
    await ws.writeFile('broken.json', '{ "openapi": "3.0.3", ')
    const result = await ws.run(['diff', 'base.json', 'broken.json'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('broken.json')
    const missing = await ws.run(['diff', 'base.json', 'nope.json'])
    expect(missing.code).toBe(2)
  })

  it('diffs a document that fails validation, warning about it, and refuses it with --strict', async () => {
    const invalid = JSON.parse(doc('string'))
    delete invalid.paths['/posts/{id}'].get.responses
    await ws.writeFile('invalid.json', JSON.stringify(invalid))
    const text = await ws.run(['diff', 'base.json', 'invalid.json'])
    expect(text.code).toBe(1)
    expect(text.stdout).toContain('response-success-status-removed')
    expect(text.stderr).toBe(
      'warning: invalid.json is not a valid OpenAPI document, diffed anyway: /paths/~1posts~1{id}/get/responses: responses is missing. Pass --strict to refuse such documents.\n',
    )
    const json = await ws.run(['diff', 'base.json', 'invalid.json', '--format', 'json'])
    expect(json.stderr).toBe('')
    expect(JSON.parse(json.stdout).problems).toEqual([
      { document: 'revision', message: '/paths/~1posts~1{id}/get/responses: responses is missing' },
    ])
    const strict = await ws.run(['diff', 'base.json', 'invalid.json', '--strict'])
    expect(strict.code).toBe(2)
    expect(strict.stdout).toBe('')
    expect(strict.stderr).toContain('responses is missing')
    expect((await ws.run(['diff', 'base.json', 'invalid.json', '--lenient'])).code).toBe(1)
  })

  it('exits 2 for an unknown --format, listing the valid ones', async () => {
    const result = await ws.run(['diff', 'base.json', 'same.json', '--format', 'yaml'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/text, json, markdown/)
  })
})
