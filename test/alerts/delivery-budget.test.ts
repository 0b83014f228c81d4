import { EventEmitter, once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SMTPServer } from 'smtp-server'
// Loaded here, not on the first alert: its first import would eat the test's small budget.
import 'undici'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createSmtpMailer,
  createUndiciWebhookClient,
  deliverPendingAlerts,
  planRunAlerts,
  SEND_GRACE_MS,
} from '../../src/alerts/index.js'
import type { Contract } from '../../src/model/index.js'
import { createSqliteStore, type Store } from '../../src/store/index.js'
import { manualClock, sampleAlerts, sampleContract, sampleRun } from '../support/alert-fixtures.js'

let dir: string
let store: Store
const closers: (() => unknown)[] = []

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upcheck-budget-'))
  store = createSqliteStore(join(dir, 'state.db'))
})
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
  store.close()
  await rm(dir, { recursive: true, force: true })
})

let ids = 0
/** One broken alert for `contract`, with the deliveries its alerts section asks for. */
async function raiseBrokenAlert(
  contract: Contract,
  clock: ReturnType<typeof manualClock>,
  emailEnabled = true,
) {
  const plan = { clock, createAlertId: () => `alert-${++ids}`, emailEnabled }
  const verified = sampleRun(`r-${++ids}`, 'verified', clock.iso(), contract.name)
  await store.recordRun(verified, planRunAlerts(contract, verified, plan))
  clock.advance(1000)
  const broken = sampleRun(`r-${++ids}`, 'broken', clock.iso(), contract.name)
  await store.recordRun(broken, planRunAlerts(contract, broken, plan))
}

/** An HTTP server that takes every request and never answers. */
async function startHangingServer() {
  const requests: string[] = []
  const server = createServer((req) => {
    requests.push(req.url ?? '')
    req.resume()
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  closers.push(() => {
    server.closeAllConnections()
    return new Promise((resolve) => server.close(resolve))
  })
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, requests }
}

/**
 * A real SMTP server that holds its answer to the first message until `release()` (a server
 * slow to confirm) and answers every later one at once.
 */
async function startHoldingSmtp() {
  const messageIds: string[] = []
  const events = new EventEmitter()
  let held: (() => void) | undefined
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      let raw = ''
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')))
      stream.on('end', () => {
        messageIds.push(/^Message-ID: (.*)$/im.exec(raw)?.[1]?.trim() ?? '')
        if (messageIds.length === 1) held = () => callback()
        else callback()
        events.emit('data')
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.server.address() as AddressInfo).port
  closers.push(() => {
    held?.()
    return new Promise<void>((resolve) => server.close(() => resolve()))
  })
  return {
    messageIds,
    release: () => held?.(),
    async waitForData(): Promise<void> {
      if (messageIds.length === 0) await once(events, 'data')
    },
    mail() {
      const mailer = createSmtpMailer(
        { url: `smtp://127.0.0.1:${port}`, from: 'upcheck@example.com', secrets: [] },
        { connectionTimeoutMs: 2000 },
      )
      closers.push(() => mailer.close())
      return { mailer, from: 'upcheck@example.com' }
    },
  }
}

const emailContract = sampleContract({
  alerts: sampleAlerts({ email: ['team@example.com'] }),
})

/**
 * A broken alert whose e-mail a first verify (`first`, a lease of 1 s and `budgetMs`) is
 * sending to a server that has its message but holds the answer, and a second store (`other`)
 * on the same file for another verify to deliver from meanwhile.
 */
async function startSlowSend(budgetMs: number) {
  const clock = manualClock('2026-11-25T08:00:00Z')
  const smtp = await startHoldingSmtp()
  await raiseBrokenAlert(emailContract, clock)
  const other = createSqliteStore(join(dir, 'state.db'))
  closers.push(() => other.close())
  const first = deliverPendingAlerts(
    { store, clock, mail: smtp.mail(), leaseMs: 1000 },
    { dueOnly: false, budgetMs },
  )
  await smtp.waitForData()
  return { clock, smtp, other, first }
}

describe('alert delivery within a budget', () => {
  it('spends its budget, not 30 s per alert, on a webhook that never answers, and keeps every alert', async () => {
    const clock = manualClock('2026-11-25T08:00:00Z')
    const hook = await startHangingServer()
    for (let i = 1; i <= 5; i++)
      await raiseBrokenAlert(
        sampleContract({
          name: `api-${i}`,
          alerts: sampleAlerts({ email: [], webhook: hook.url }),
        }),
        clock,
        false,
      )
    const started = performance.now()
    const report = await deliverPendingAlerts(
      { store, clock, webhook: createUndiciWebhookClient(), leaseMs: 1000 },
      { dueOnly: false, budgetMs: 1000, concurrency: 4 },
    )
    expect(performance.now() - started).toBeLessThan(4000)
    // Four contracts at once: the fifth alert was never started.
    expect(hook.requests).toHaveLength(4)
    expect(report).toMatchObject({ delivered: 0, failed: 0, pending: 5 })
    expect(report.errors.join('\n')).toMatch(/budget of 1 s \(4 sends unanswered\)/)

    const claim = (now: number) =>
      store.claimDeliveries({ now, leaseMs: 1, limit: 10, channels: ['webhook'], dueOnly: false })
    // The unstarted one is back in the outbox at once; the cut ones only once they can no longer arrive.
    expect((await claim(clock.now())).map((d) => d.contract)).toEqual(['api-5'])
    expect((await claim(clock.now() + 1000 + SEND_GRACE_MS - 1)).map((d) => d.contract)).toEqual([
      'api-5',
    ])
    expect(await claim(clock.now() + 1000 + SEND_GRACE_MS)).toHaveLength(5)
  })

  it('never sends an e-mail twice when a second verify overlaps a slow send, on one SQLite file', async () => {
    // A asks for a lease of 1 s but may spend 10 s: the lease must cover what it may spend.
    const { clock, smtp, other, first } = await startSlowSend(10_000)
    // Another verify, 5 s later, while the server has not yet confirmed A's message.
    const later = { now: () => clock.now() + 5000 }
    const second = await deliverPendingAlerts(
      { store: other, clock: later, mail: smtp.mail() },
      { dueOnly: false },
    )
    smtp.release()
    expect(await first).toMatchObject({ delivered: 1, pending: 0 })
    expect(second.delivered).toBe(0)
    expect(smtp.messageIds).toHaveLength(1)
  })

  it('leaves an e-mail cut off by the budget leased until it can no longer arrive, then sends it once more', async () => {
    const { clock, smtp, other, first } = await startSlowSend(200)
    expect(await first).toMatchObject({ delivered: 0, failed: 0, pending: 1 })

    const at = (ms: number) => ({ now: () => clock.now() + ms })
    const during = await deliverPendingAlerts(
      { store: other, clock: at(30_000), mail: smtp.mail() },
      { dueOnly: false },
    )
    expect(during.delivered).toBe(0)
    expect(smtp.messageIds).toHaveLength(1)
    // Past the lease the send cannot still be under way: the next verify sends it (same Message-ID).
    const after = await deliverPendingAlerts(
      { store: other, clock: at(200 + SEND_GRACE_MS + 1), mail: smtp.mail() },
      { dueOnly: false },
    )
    expect(after.delivered).toBe(1)
    expect(new Set(smtp.messageIds).size).toBe(1)
  })
})
