import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readPactFile, writePact } from '../../src/interactions/index.js'
import { pactDocument } from '../support/pact-files.js'
import { useTempDir } from '../support/temp-dir.js'

const tmp = useTempDir('pact-files')

describe('Pact files on disk', () => {
  it('reads a V3 file with a byte-order mark and writes a V4 file that reads back the same', async () => {
    const v3 = pactDocument(
      [
        {
          description: 'get post 1',
          providerStates: [{ name: 'post 1 exists', params: { id: 1 } }],
          request: { method: 'GET', path: '/posts/1', query: { fields: ['id'] } },
          response: {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
            body: { id: 1, title: 'Hello' },
            matchingRules: { body: { '$.id': { matchers: [{ match: 'integer' }] } } },
          },
        },
      ],
      { version: '3.0.0', consumer: 'web', provider: 'posts-api' },
    )
    const source = join(tmp.path, 'v3.pact.json')
    await writeFile(source, `\uFEFF${JSON.stringify(v3)}`)
    const doc = await readPactFile(source)
    const target = join(tmp.path, 'v4.pact.json')
    await writeFile(target, writePact(doc))
    const again = await readPactFile(target)
    expect(again.specVersion).toBe('4.0')
    expect(again.interactions).toHaveLength(1)
    expect(writePact(again)).toBe(await readFile(target, 'utf8'))
    expect(writePact(again)).toBe(writePact(doc))
  })
})
