import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createProject } from '../support/project.js'
import { startCliProcess } from '../support/cli-process.js'

/** A self-signed certificate for 127.0.0.1, made offline by the openssl CLI when the machine has it. */
function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

let certDir = ''
beforeAll(async () => {
  if (!hasOpenssl()) return
  certDir = await mkdtemp(join(tmpdir(), 'upcheck-cert-'))
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(certDir, 'key.pem'),
      '-out',
      join(certDir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  )
})
afterAll(async () => {
  if (certDir) await rm(certDir, { recursive: true, force: true })
})

describe('upcheck record --port with an HTTPS upstream', () => {
  it.skipIf(!hasOpenssl())(
    'records over TLS, trusting the CA the environment names (NODE_EXTRA_CA_CERTS), the app calling the proxy over plain HTTP',
    async () => {
      const server = createServer(
        {
          key: await readFile(join(certDir, 'key.pem')),
          cert: await readFile(join(certDir, 'cert.pem')),
        },
        (req, res) => {
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ secure: true, host: req.headers.host }))
        },
      )
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
      const ws = await createProject()
      try {
        const pactFile = await ws.writeContract('posts-api', {
          baseUrl: origin,
          headers: {},
          timeoutMs: 5000,
        })
        const recorder = startCliProcess(['record', 'posts-api', '--port', '0'], {
          cwd: ws.dir,
          env: { NODE_EXTRA_CA_CERTS: join(certDir, 'cert.pem') },
        })
        const [, proxy] = await recorder.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
        const answer = await fetch(`${proxy}/status`)
        expect(await answer.json()).toEqual({ secure: true, host: new URL(origin).host })
        const { code } = await recorder.stop()
        expect(code).toBe(0)
        const pact = JSON.parse(await readFile(pactFile, 'utf8'))
        expect(pact.interactions).toHaveLength(1)
        expect(pact.interactions[0].response.body.content).toEqual({
          secure: true,
          host: new URL(origin).host,
        })
      } finally {
        server.closeAllConnections()
        server.close()
        await ws.cleanup()
      }
    },
  )
})
