import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createWorkspace, json, startUpstream, typedInteraction } from './helpers/workspace.js'

type Workspace = Awaited<ReturnType<typeof createWorkspace>>
let ws: Workspace
let upstream: Awaited<ReturnType<typeof startUpstream>>
let idType: 'number' | 'string' = 'number'
const closers: (() => unknown)[] = []

beforeEach(async () => {
  ws = await createWorkspace()
  idType = 'number'
  upstream = await startUpstream((_req, res) =>
    json(res, 200, { id: idType === 'number' ? 1 : '1' }),
  )
  closers.push(() => upstream.close())
})
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
  await ws.cleanup()
})

/** A webhook receiver that answers 200 and keeps what it got. */
async function startWebhook() {
  const kinds: string[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk))
    req.on('end', () => {
      kinds.push((JSON.parse(body) as { kind: string }).kind)
      res.writeHead(200).end()
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  closers.push(() => new Promise((resolve) => server.close(resolve)))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, kinds }
}

describe('upcheck verify at the edges', () => {
  it('exits 2 naming the folder when --reports cannot be written, and still sends the alerts', async () => {
    const hook = await startWebhook()
    await ws.writeContract(
      'posts-api',
      upstream.url,
      [typedInteraction('get post 1', '/posts/1', { id: 1 })],
      `alerts:\n  webhook: ${hook.url}\n`,
    )
    // A file where the folder should be: unwritable even for root.
    await ws.writeFile('blocked', 'not a folder')

    idType = 'string'
    const broken = await ws.run(['verify', '--reports', 'blocked/reports'])
    expect(broken.code).toBe(1)
    expect(broken.stderr).toMatch(
      /Cannot write the reports to .*blocked.reports.*\[REPORTS_UNWRITABLE\]/,
    )
    expect(hook.kinds).toEqual(['broken'])

    idType = 'number'
    const recovered = await ws.run(['verify', '--reports', 'blocked/reports'])
    expect(recovered.code).toBe(2)
    expect(recovered.stderr).toMatch(/\[REPORTS_UNWRITABLE\]/)
    expect(hook.kinds).toEqual(['broken', 'recovered'])
  })
})
