import { readFile } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listSecretForms } from '../../src/text/index.js'
import { startLocalUpstream, type LocalUpstream } from '../support/local-upstream.js'
import { createProject, type Project } from '../support/project.js'
import { findLeaks } from '../support/find-secrets.js'
import { startCliProcess } from '../support/cli-process.js'

/** Planted where issue 14's red team found recordings leaking them. */
const planted = {
  xAuth: 'xauth-7c2e91', // an X-Auth request header
  pwd: 'hunt3r!', // a `pwd` form field, shorter than 8 characters, echoed in the answer
  email: 'ann.private@example.com', // a redact: path's value, echoed inside another string
}

let ws: Project
let upstream: LocalUpstream

beforeEach(async () => {
  ws = await createProject()
  upstream = await startLocalUpstream((req, res, body) => {
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

afterEach(async () => {
  await upstream.close()
  await ws.cleanup()
})

describe('recording keeps secrets that come in through side doors off disk', () => {
  it('redacts X-Auth headers, pwd fields, short secrets echoed elsewhere and redact: values echoed in strings', async () => {
    const pactFile = await ws.writeContract('posts-api', {
      baseUrl: `${upstream.origin}/api`,
      headers: {},
      extra: 'redact: [$.customer.email]\n',
      timeoutMs: 5000,
    })
    const recorder = startCliProcess(['record', 'posts-api', '--port', '0'], { cwd: ws.dir })
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

    const leaks = await findLeaks(
      ws.dir,
      { stdout, stderr },
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
