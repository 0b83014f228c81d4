import { readFile } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listSecretForms } from '../../src/text/index.js'
import { createWorkspace, startUpstream } from '../cli/helpers/workspace.js'
import { writeRecordingContract } from './support/contract.js'
import { findSecrets, readEveryFile } from './support/files.js'
import { startRecorderProcess } from './support/recorder-process.js'

/** Planted where issue 14's red team found recordings leaking them. */
const planted = {
  xAuth: 'xauth-7c2e91', // an X-Auth request header
  pwd: 'hunt3r!', // a `pwd` form field, shorter than 8 characters, echoed in the answer
  email: 'ann.private@example.com', // a redact: path's value, echoed inside another string
}

let ws: Awaited<ReturnType<typeof createWorkspace>>
let upstream: Awaited<ReturnType<typeof startUpstream>>

beforeEach(async () => {
  ws = await createWorkspace()
  upstream = await startUpstream((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      const send = (value: unknown) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value))
      if (req.url === '/api/login') {
        const pwd = new URLSearchParams(body).get('pwd') ?? ''
        return send({
          user: 'ann',
          hint: `your password ${pwd} is weak`,
          seenAuth: req.headers['x-auth'],
        })
      }
      if (req.url === '/api/orders') {
        const order = JSON.parse(body) as { customer: { email: string } }
        return send({ id: 7, message: `receipt sent to ${order.customer.email}` })
      }
      res.writeHead(404).end()
    })
  })
})

afterEach(async () => {
  await upstream.close()
  await ws.cleanup()
})

describe('recording keeps secrets that come in through side doors off disk', () => {
  it('redacts X-Auth headers, pwd fields, short secrets echoed elsewhere and redact: values echoed in strings', async () => {
    const pactFile = await writeRecordingContract(ws.dir, {
      baseUrl: `${upstream.url}/api`,
      extra: 'redact: [$.customer.email]\n',
    })
    const recorder = startRecorderProcess(['record', 'posts-api', '--port', '0'], { cwd: ws.dir })
    const [, proxy] = await recorder.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
    const login = await fetch(`${proxy}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-auth': planted.xAuth },
      body: new URLSearchParams({ user: 'ann', pwd: planted.pwd }).toString(),
    })
    expect(login.status).toBe(200)
    const order = await fetch(`${proxy}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ item: 'book', customer: { email: planted.email } }),
    })
    expect(order.status).toBe(200)
    const { code, stdout, stderr } = await recorder.stop()
    expect(code).toBe(0)

    const leaks = findSecrets(
      [
        ...(await readEveryFile(ws.dir)),
        { path: 'stdout', text: stdout },
        { path: 'stderr', text: stderr },
      ],
      Object.values(planted).flatMap(listSecretForms),
    )
    expect(leaks).toEqual([])

    const [loginInteraction, orderInteraction] = JSON.parse(
      await readFile(pactFile, 'utf8'),
    ).interactions
    expect(loginInteraction.request.headers['x-auth']).toEqual(['<redacted>'])
    expect(loginInteraction.request.body.content).toBe('user=ann&pwd=%3Credacted%3E')
    expect(loginInteraction.response.body.content.hint).toBe('your password <redacted> is weak')
    expect(orderInteraction.response.body.content.message).toBe('receipt sent to <redacted>')
  })
})
