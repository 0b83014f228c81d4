import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sendJson, startLocalUpstream, type LocalUpstream } from '../support/local-upstream.js'
import { createProject, type Project, typedInteraction } from '../support/project.js'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js'

const DAY = 86_400_000
let project: Project
let upstream: LocalUpstream
let smtp: SmtpSink | undefined

/** Each path answers with one form of deprecation signal, as a real upstream would. */
function answerWithSignals(sunset: string) {
  const signals: Record<string, Record<string, string>> = {
    '/rfc': { Deprecation: '@1688169599' },
    '/draft': { Deprecation: 'true' },
    '/dated': { Deprecation: 'Fri, 30 Jun 2023 23:59:59 GMT' },
    '/sunset': {
      Sunset: sunset,
      Link: '<https://api.example/v2>; rel="successor-version", <https://docs.example/sunset>; rel="Sunset"',
    },
    '/garbled': { Sunset: 'next spring' },
  }
  upstream.handle = (req, res) => {
    const path = new URL(req.url!, 'http://x').pathname.replace(/\/\d+$/, '')
    for (const [name, value] of Object.entries(signals[path] ?? {})) res.setHeader(name, value)
    sendJson(res, 200, { id: 1 })
  }
}

const interactions = [
  typedInteraction('rfc form', '/rfc', { id: 1 }),
  typedInteraction('draft form', '/draft', { id: 1 }),
  typedInteraction('dated draft form', '/dated', { id: 1 }),
  typedInteraction('sunset item 1', '/sunset/1', { id: 1 }),
  typedInteraction('sunset item 2', '/sunset/2', { id: 1 }),
  typedInteraction('garbled', '/garbled', { id: 1 }),
]

beforeEach(async () => {
  project = await createProject({ confirm: 0 })
  upstream = await startLocalUpstream((_req, res) => sendJson(res, 200, { id: 1 }))
})
afterEach(async () => {
  await smtp?.close()
  smtp = undefined
  await upstream.close()
  await project.cleanup()
})

async function writeContract(extra = '') {
  await project.writeContract('legacy-api', {
    baseUrl: upstream.origin,
    interactions,
    extra: `alerts:\n  email: [integrations@example.com]\n${extra}`,
  })
}

const env = (port: number) => ({
  UPCHECK_TEST_TOKEN: 'tok',
  SMTP_URL: `smtp://127.0.0.1:${port}`,
  ALERT_FROM: 'upcheck <upcheck@example.com>',
})

describe("the upstream's deprecation signals", () => {
  it('are warnings in latest.json and on the console, once per operation, and leave the run verified', async () => {
    const sunset = new Date(Date.now() + 400 * DAY).toUTCString()
    const sunsetIso = new Date(Date.parse(sunset)).toISOString().replace('.000Z', 'Z')
    answerWithSignals(sunset)
    await writeContract()

    const result = await project.run(['verify'], { UPCHECK_TEST_TOKEN: 'tok' })

    expect(result.code).toBe(0)
    const latest = JSON.parse(await readFile(join(project.dir, 'reports', 'latest.json'), 'utf8'))
    const text = JSON.stringify(latest)
    const run = latest.runs?.[0] ?? latest
    expect(run.status ?? text).toMatch(/verified/)
    const messages: string[] = []
    JSON.parse(text, (key, value) => {
      if (key === 'message' && String(value).includes('announces')) messages.push(value)
      return value
    })
    expect(messages).toEqual([
      'GET /rfc: the upstream announces deprecation of GET /rfc, effective 2023-06-30T23:59:59Z',
      'GET /draft: the upstream announces deprecation of GET /draft (no date given)',
      'GET /dated: the upstream announces deprecation of GET /dated, effective 2023-06-30T23:59:59Z',
      `GET /sunset/1: the upstream announces sunset of GET /sunset/{id} on ${sunsetIso}; see https://docs.example/sunset`,
      'GET /garbled: the upstream announces sunset of GET /garbled (unparseable date "next spring")',
    ])
    expect(text).toContain('"severity":"warning"')
    expect(result.stdout).toContain(`announces sunset of GET /sunset/{id} on ${sunsetIso}`)
    expect(result.stdout).toContain('announces deprecation of GET /rfc, effective 2023-06-30')
  })

  it('send one sunset e-mail across two verifies when the sunset is within alerts.sunsetNotice, with the date and the interactions', async () => {
    smtp = await startSmtpSink()
    const sunset = new Date(Date.now() + 10 * DAY).toUTCString()
    answerWithSignals(sunset)
    await writeContract()

    expect((await project.run(['verify'], env(smtp.port))).code).toBe(0)
    expect((await project.run(['verify'], env(smtp.port))).code).toBe(0)

    const [mail] = await smtp.waitForMails(1)
    expect(smtp.mails).toHaveLength(1)
    const day = new Date(Date.parse(sunset)).toISOString().slice(0, 10)
    expect(mail!.parsed.subject).toBe(
      `[upcheck] legacy-api: GET /sunset/{id} sunsets on ${day} ${sunset.slice(17, 22)} UTC`,
    )
    expect(mail!.parsed.text).toContain(`Sunset of GET /sunset/{id} on ${day}`)
    expect(mail!.parsed.text).toContain('  - sunset item 1\n  - sunset item 2')
    expect(mail!.parsed.text).toContain('https://docs.example/sunset')
    expect(mail!.parsed.text).toContain('within 30 days')
  })

  it('send no e-mail while the sunset is further away than alerts.sunsetNotice', async () => {
    smtp = await startSmtpSink()
    answerWithSignals(new Date(Date.now() + 10 * DAY).toUTCString())
    await writeContract('  sunsetNotice: 7d\n')

    expect((await project.run(['verify'], env(smtp.port))).code).toBe(0)
    // A later alert of another kind proves the pipe works and that nothing was queued before it.
    upstream.handle = (_req, res) => sendJson(res, 200, { id: 'one' })
    expect((await project.run(['verify'], env(smtp.port))).code).toBe(1)

    const mails = await smtp.waitForMails(1)
    expect(mails.map((m) => m.parsed.subject)).toEqual([
      expect.stringMatching(/^\[upcheck\] legacy-api broken/),
    ])
  })
})
