import { afterEach, describe, expect, it } from 'vitest'
import { createSqliteStore } from '../../src/store/index.js'
import { sendJson, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js'

const TOKEN = 'tok-PLANTED-5f1e9c'
const SMTP_PASSWORD = 's3cret-smtp-pw'

const project = useProject({ confirm: 0 })
const upstream = useLocalUpstream((_req, res) => sendJson(res, 200, { id: 1, title: 'hello' }))
let smtp: SmtpSink | undefined

afterEach(async () => {
  await smtp?.close()
  smtp = undefined
})

const healthy = () =>
  (upstream.handle = (_req, res) => sendJson(res, 200, { id: 1, title: 'hello' }))
/** The upstream's next release: `id` became a string, and holds the caller's token (so the finding would show it). */
const brokenEchoingToken = () =>
  (upstream.handle = (req, res) =>
    sendJson(res, 200, { id: String(req.headers.authorization), title: 'hello' }))

async function writePostsContract(extra = '') {
  await project.writeContract('posts-api', {
    baseUrl: upstream.origin,
    interactions: [typedInteraction('get post 1', '/posts/1', { id: 1, title: 'hello' })],
    extra: `runbook: https://wiki.example.com/posts-api\nalerts:\n  email: [integrations@example.com]\n${extra}`,
  })
}

function env(port: number, extra: Record<string, string> = {}) {
  return {
    UPCHECK_TEST_TOKEN: TOKEN,
    SMTP_URL: `smtp://alerts:${SMTP_PASSWORD}@127.0.0.1:${port}`,
    ALERT_FROM: 'upcheck <upcheck@example.com>',
    ...extra,
  }
}

describe('alert e-mails from upcheck verify', () => {
  it('mails the owner and alerts.email the findings of a break, over real SMTP, with no secret in the message', async () => {
    smtp = await startSmtpSink({ credentials: { user: 'alerts', pass: SMTP_PASSWORD } })
    await writePostsContract()
    expect((await project.run(['verify'], env(smtp.port))).code).toBe(0)
    brokenEchoingToken()

    const result = await project.run(['verify'], env(smtp.port))

    expect(result.code).toBe(1)
    const [mail] = await smtp.waitForMails(1)
    expect(smtp.mails).toHaveLength(1)
    const { parsed, raw } = mail!
    expect(parsed.subject).toBe('[upcheck] posts-api broken: GET /posts/{id} $.id number → string')
    expect(mail!.rcptTo.sort()).toEqual(['ann@example.com', 'integrations@example.com'])
    expect(mail!.user).toBe('alerts')
    expect(parsed.from?.value).toEqual([{ name: 'upcheck', address: 'upcheck@example.com' }])
    expect(parsed.messageId).toMatch(/^<upcheck-alert-[0-9a-f-]+@example\.com>$/)
    expect(parsed.text).toContain('Owner:')
    expect(parsed.text).toContain('Ann Lee <ann@example.com>')
    expect(parsed.text).toMatch(/Status: +broken since \d{4}-\d\d-\d\d \d\d:\d\d UTC/)
    expect(parsed.text).toMatch(/Last verified: +\d{4}-\d\d-\d\d \d\d:\d\d UTC/)
    expect(parsed.text).toContain('at $.id: expected number, actual string')
    expect(parsed.text).toContain('Operations affected\n  - GET /posts/{id}')
    expect(parsed.text).toContain('upcheck verify posts-api')
    expect(parsed.text).toContain('https://wiki.example.com/posts-api')
    expect(parsed.html).toContain('<code>$.id</code>')
    expect(parsed.html).toContain('<a href="https://wiki.example.com/posts-api">')
    expect(raw).not.toContain(TOKEN)
    expect(raw).not.toContain(SMTP_PASSWORD)
    expect(parsed.text).toContain('<redacted>')
  })

  it('sends exactly one broken and one recovery e-mail as the upstream breaks, stays broken, and recovers', async () => {
    smtp = await startSmtpSink()
    await writePostsContract()
    await project.run(['verify'], env(smtp.port))
    await project.run(['verify'], env(smtp.port))
    brokenEchoingToken()
    await project.run(['verify'], env(smtp.port))
    await project.run(['verify'], env(smtp.port))
    healthy()
    await project.run(['verify'], env(smtp.port))
    await project.run(['verify'], env(smtp.port))

    const mails = await smtp.waitForMails(2)
    expect(mails.map((m) => m.parsed.subject)).toEqual([
      '[upcheck] posts-api broken: GET /posts/{id} $.id number → string',
      expect.stringMatching(/^\[upcheck\] posts-api recovered: verified again after \d+ s broken$/),
    ])
    const [broken, recovered] = mails
    expect(recovered!.parsed.text).toMatch(/It was broken for \d+ s, since/)
    expect(recovered!.parsed.inReplyTo).toBe(broken!.parsed.messageId)
    const store = createSqliteStore(project.storeFile)
    try {
      expect(await store.listRuns('posts-api')).toHaveLength(6)
      expect((await store.listAlerts('posts-api')).map((a) => a.kind)).toEqual([
        'recovered',
        'broken',
      ])
      expect(await store.outboxDepth()).toBe(0)
    } finally {
      await store.close()
    }
  })

  it('delivers an alert raised while SMTP was down once it is back, exactly once', async () => {
    const down = await startSmtpSink()
    const port = down.port
    await down.close()
    await writePostsContract()
    await project.run(['verify'], env(port))
    brokenEchoingToken()

    const whileDown = await project.run(['verify'], env(port))
    expect(whileDown.code).toBe(1)
    expect(whileDown.stderr).toMatch(/smtp:\/\/127\.0\.0\.1:\d+ is unavailable/)
    expect(whileDown.stderr).toContain('1 waiting in the outbox')
    expect(whileDown.stderr).not.toContain(SMTP_PASSWORD)

    smtp = await startSmtpSink({ port })
    await project.run(['verify'], env(port))
    await project.run(['verify'], env(port))

    await smtp.waitForMails(1)
    expect(smtp.mails.map((m) => m.parsed.subject)).toEqual([
      '[upcheck] posts-api broken: GET /posts/{id} $.id number → string',
    ])
  })

  it('upgrades the connection with STARTTLS when the server offers it', async () => {
    smtp = await startSmtpSink({ starttls: true })
    await writePostsContract()
    await project.run(['verify'], env(smtp.port))
    brokenEchoingToken()
    // smtp-server's built-in certificate is self-signed; a URL setting accepts it, as a user would for a test relay.
    await project.run(['verify'], {
      ...env(smtp.port),
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}?tls.rejectUnauthorized=false`,
    })
    const [mail] = await smtp.waitForMails(1)
    expect(mail!.secure).toBe(true)
  })

  it('records no transition and sends nothing with --no-alerts, so a later run still alerts', async () => {
    smtp = await startSmtpSink()
    await writePostsContract()
    await project.run(['verify'], env(smtp.port))
    brokenEchoingToken()
    expect((await project.run(['verify', '--no-alerts'], env(smtp.port))).code).toBe(1)
    const store = createSqliteStore(project.storeFile)
    try {
      expect(await store.listAlerts('posts-api')).toEqual([])
      expect((await store.alertState('posts-api'))?.status).toBe('verified')
    } finally {
      await store.close()
    }
    await project.run(['verify'], env(smtp.port))
    await smtp.waitForMails(1)
    expect(smtp.mails).toHaveLength(1)
  })
})
