import { once } from 'node:events'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createSmtpMailer,
  createUndiciWebhookClient,
  deliverPendingAlerts,
  planRunAlerts,
  type DeliverAlertsDeps,
} from '../../src/alerts/index.js'
import { UpcheckError } from '../../src/model/index.js'
import { createSqliteStore, type Store } from '../../src/store/index.js'
import { manualClock, sampleAlerts, sampleContract, sampleRun } from '../support/alert-fixtures.js'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js'

let dir: string
let store: Store
let smtp: SmtpSink | undefined
const closers: (() => unknown)[] = []

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upcheck-outbox-'))
  store = createSqliteStore(join(dir, 'state.db'))
})
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  await smtp?.close()
  smtp = undefined
  await store.close()
  await rm(dir, { recursive: true, force: true })
})

const contract = sampleContract({
  alerts: sampleAlerts({ email: ['team@example.com'] }),
})
let ids = 0
const plan = (clock: { now(): number }) => ({
  clock,
  createAlertId: () => `alert-${++ids}`,
  emailEnabled: true,
})

/** Records a verified run then a broken one: one broken alert in the outbox. */
async function raiseBrokenAlert(clock: ReturnType<typeof manualClock>) {
  await store.recordRun(
    sampleRun(`r-${++ids}`, 'verified', clock.iso()),
    planRunAlerts(contract, sampleRun('x', 'verified', clock.iso()), plan(clock)),
  )
  clock.advance(60_000)
  const run = sampleRun(`r-${++ids}`, 'broken', clock.iso())
  return store.recordRun(run, planRunAlerts(contract, run, plan(clock)))
}

function mailerFor(port: number) {
  const mailer = createSmtpMailer(
    { url: `smtp://127.0.0.1:${port}`, from: 'upcheck@example.com', secrets: [] },
    { connectionTimeoutMs: 2000 },
  )
  closers.push(() => mailer.close())
  return { mailer, from: 'upcheck@example.com' }
}

describe('the alert outbox', () => {
  it('writes a run and its alerts in one transaction: when the alerts cannot be written, neither is the run', async () => {
    const clock = manualClock('2026-11-25T08:00:00Z')
    const [broken] = await raiseBrokenAlert(clock)
    clock.advance(86_400_000)
    const run = sampleRun('r-remind', 'broken', clock.iso())
    // A reminder whose id collides with the broken alert's makes the alert insert fail.
    const colliding = planRunAlerts(contract, run, {
      clock,
      createAlertId: () => broken!.id,
      emailEnabled: true,
    })
    await expect(store.recordRun(run, colliding)).rejects.toThrow(UpcheckError)
    expect((await store.listRuns('posts-api')).map((r) => r.id)).not.toContain('r-remind')
    expect(await store.listAlerts('posts-api')).toHaveLength(1)
  })

  it('retries a failed e-mail with backoff while SMTP is down for an hour, then delivers it once', async () => {
    const clock = manualClock('2026-11-25T08:00:00Z')
    const down = await startSmtpSink()
    const port = down.port
    await down.close()
    await raiseBrokenAlert(clock)
    const deps: DeliverAlertsDeps = { store, clock, mail: mailerFor(port) }

    let attempts = 0
    for (let minute = 0; minute < 60; minute++) {
      const report = await deliverPendingAlerts(deps, { dueOnly: true })
      attempts += report.failed
      expect(report.delivered).toBe(0)
      clock.advance(60_000)
    }
    // 30 s doubling to the 10 min cap: about ten tries in the hour, not sixty.
    expect(attempts).toBeGreaterThan(4)
    expect(attempts).toBeLessThan(15)
    expect(await store.outboxDepth()).toBe(1)

    smtp = await startSmtpSink({ port })
    clock.advance(10 * 60_000)
    expect((await deliverPendingAlerts(deps, { dueOnly: true })).delivered).toBe(1)
    clock.advance(60 * 60_000)
    expect((await deliverPendingAlerts(deps, { dueOnly: true })).delivered).toBe(0)
    expect(smtp.mails).toHaveLength(1)
    expect(await store.outboxDepth()).toBe(0)
  })

  it('re-sends with the same Message-ID when the sender died between sending and marking sent', async () => {
    const clock = manualClock('2026-11-25T08:00:00Z')
    smtp = await startSmtpSink()
    await raiseBrokenAlert(clock)
    const mail = mailerFor(smtp.port)
    // The process "dies" right after the message went out: nothing after the send is recorded.
    const dying: Store = {
      ...store,
      claimDeliveries: (o) => store.claimDeliveries(o),
      markDelivered: () => {
        throw new Error('killed')
      },
      markDeliveryFailed: () => {
        throw new Error('killed')
      },
    }
    await expect(
      deliverPendingAlerts({ store: dying, clock, mail, leaseMs: 120_000 }, { dueOnly: true }),
    ).rejects.toThrow('killed')
    expect(smtp.mails).toHaveLength(1)

    // A new process within the lease leaves it alone; after the lease it sends again.
    expect(
      (await deliverPendingAlerts({ store, clock, mail, leaseMs: 120_000 }, { dueOnly: true }))
        .delivered,
    ).toBe(0)
    clock.advance(120_000)
    expect(
      (await deliverPendingAlerts({ store, clock, mail, leaseMs: 120_000 }, { dueOnly: true }))
        .delivered,
    ).toBe(1)
    expect(
      (await deliverPendingAlerts({ store, clock, mail, leaseMs: 120_000 }, { dueOnly: false }))
        .delivered,
    ).toBe(0)

    const [first, second] = await smtp.waitForMails(2)
    expect(smtp.mails).toHaveLength(2)
    expect(second!.parsed.messageId).toBe(first!.parsed.messageId)
  })

  it('gives up on a delivery still failing a week after its alert', async () => {
    const clock = manualClock('2026-11-25T08:00:00Z')
    const down = await startSmtpSink()
    await down.close()
    await raiseBrokenAlert(clock)
    const deps: DeliverAlertsDeps = {
      store,
      clock,
      mail: mailerFor(down.port),
      maxAgeMs: 7 * 86_400_000,
    }
    await deliverPendingAlerts(deps, { dueOnly: true })
    expect(await store.outboxDepth()).toBe(1)
    clock.advance(7 * 86_400_000 + 1)
    await deliverPendingAlerts(deps, { dueOnly: true })
    expect(await store.outboxDepth()).toBe(0)
  })
})

describe('webhook alerts', () => {
  it('posts the alert as JSON with a Slack-compatible text, retrying a 503, without re-sending the e-mail', async () => {
    const clock = manualClock('2026-11-25T08:00:00Z')
    smtp = await startSmtpSink()
    const received: { headers: IncomingMessage['headers']; body: Record<string, unknown> }[] = []
    let answers = [503, 503, 503, 503, 200]
    const server = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk))
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(body) as Record<string, unknown> })
        res.writeHead(answers.shift() ?? 200).end()
      })
    })
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    closers.push(() => new Promise((resolve) => server.close(resolve)))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/T000/SECRETPATH`
    const withHook = sampleContract({
      alerts: sampleAlerts({ email: ['team@example.com'], webhook: url }),
    })
    await store.recordRun(
      sampleRun('r1', 'verified', clock.iso()),
      planRunAlerts(withHook, sampleRun('r1', 'verified', clock.iso()), plan(clock)),
    )
    const run = sampleRun('r2', 'broken', clock.iso())
    const [alert] = await store.recordRun(run, planRunAlerts(withHook, run, plan(clock)))
    const deps: DeliverAlertsDeps = {
      store,
      clock,
      mail: mailerFor(smtp.port),
      webhook: createUndiciWebhookClient({ retries: 2, sleep: async () => {} }),
    }

    const first = await deliverPendingAlerts(deps, { dueOnly: true })
    expect(first).toMatchObject({ delivered: 1, failed: 1, pending: 1 })
    expect(first.errors.join()).not.toContain('SECRETPATH')
    clock.advance(60_000)
    expect(await deliverPendingAlerts(deps, { dueOnly: true })).toMatchObject({
      delivered: 1,
      failed: 0,
      pending: 0,
    })

    expect(received).toHaveLength(5)
    expect(smtp.mails).toHaveLength(1)
    const last = received.at(-1)!
    expect(last.headers['content-type']).toBe('application/json')
    expect(last.headers['idempotency-key']).toBe(alert!.id)
    expect(last.body.text).toMatch(
      /^\*\[upcheck\] posts-api broken: GET \/posts\/\{id\} \$\.id number → string\*/,
    )
    expect(last.body).toMatchObject({
      kind: 'broken',
      contract: 'posts-api',
      status: 'broken',
      operations: ['GET /posts/{id}'],
      alertId: alert!.id,
    })
  })
})
