import { readFile } from 'node:fs/promises'
import { expect, it } from 'vitest'
import { useLocalUpstream } from '../support/local-upstream.js'
import { useProject } from '../support/project.js'

// An upstream may send a number beyond double range (`1e999`): JSON.parse reads Infinity, and
// JSON.stringify writes that as null, so a recording once kept null and the next verify saw
// the upstream's unchanged number as a change.
const project = useProject({ confirm: 0 })
const ANSWER = '{"id": 1, "total": 1e999}'
const upstream = useLocalUpstream((_req, res) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end(ANSWER),
)

it('records a number beyond double range as 1e999, and verifies the same answer later', async () => {
  const pactFile = await project.writeContract('big', { baseUrl: upstream.origin })
  const har = {
    log: {
      version: '1.2',
      entries: [
        {
          request: { method: 'GET', url: `${upstream.origin}/totals`, headers: [] },
          response: {
            status: 200,
            headers: [{ name: 'Content-Type', value: 'application/json' }],
            content: { mimeType: 'application/json', text: ANSWER },
          },
        },
      ],
    },
  }
  await project.writeFile('totals.har', JSON.stringify(har))
  expect((await project.run(['import', 'big', 'totals.har'])).code).toBe(0)
  const pact = await readFile(pactFile, 'utf8')
  expect(pact).toMatch(/"total": 1e999/)
  expect(pact).not.toMatch(/"total": null/)

  const verify = await project.run(['verify', 'big'])
  expect(verify.stdout).toContain('verified')
  expect(verify.code).toBe(0)
})
