// Several `upcheck schedule` processes on one real PostgreSQL: each slot runs once, a worker
// killed mid-run loses nothing that had finished, alerts go out once, and a server restart
// mid-run costs a delay, not the run. Slow (tens of seconds of real cron), hence the timeouts.
import type { ServerResponse } from 'node:http'
import pg from 'pg'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import type { SlotClaim } from '../../src/model/index.js'
import { createPostgresStore, type Store } from '../../src/store/index.js'
import { postgresMigrations } from '../../src/store/postgres-migrations.js'
import { startCliProcess } from '../support/cli-process.js'
import { sendJson, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js'
import { startTestPostgres, type TestPostgres } from '../support/start-postgres.js'

/**
 * Contracts in the three-daemon test. 50 on a two-second cron is the figure; the
 * machine this runs on is shared and loaded, so `UPCHECK_FLEET_CONTRACTS` can lower it.
 */
const CONTRACTS = Number(process.env.UPCHECK_FLEET_CONTRACTS ?? 50)
const EVERY_TWO_SECONDS = 'schedule: "*/2 * * * * *"'
/** Short, so a killed worker's run is taken over within seconds; a heartbeat comes every 2 s. */
const LEASE = '6s'
const RUN_FOR_MS = 30_000

let postgres: TestPostgres
let smtp: SmtpSink
beforeAll(async () => {
  postgres = await startTestPostgres()
  smtp = await startSmtpSink()
}, 120_000)
afterAll(async () => {
  await smtp?.close()
  await postgres?.stop()
}, 60_000)

const project = useProject({ confirm: 0 })
/** Contracts whose upstream answers a string id where a number was recorded: broken. */
const broken = new Set<string>()
/** Requests of these contracts are held, unanswered, until released. */
const held = new Map<string, ServerResponse[]>()
const upstream = useLocalUpstream((req, res) => {
  const name = req.url!.split('/')[2]!
  const queue = held.get(name)
  if (queue) queue.push(res)
  else sendJson(res, 200, { id: broken.has(name) ? 'one' : 1 })
})

const names = Array.from({ length: CONTRACTS }, (_, i) => `c${String(i).padStart(2, '0')}`)

async function writeContracts(all: string[]) {
  for (const name of all)
    await project.writeContract(name, {
      baseUrl: upstream.origin,
      interactions: [typedInteraction('get one', `/c/${name}/1`, { id: 1 })],
      extra: EVERY_TWO_SECONDS,
      // A held request waits for the test, not for the probe's time limit.
      timeoutMs: 60_000,
    })
}

function startWorker(id: string, url: string) {
  return startCliProcess(['schedule', '--store', url, '--worker', id, '--lease', LEASE], {
    cwd: project.dir,
    env: {
      UPCHECK_TEST_TOKEN: 'tok-fleet-0a1b2c',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      ALERT_FROM: 'upcheck@example.com',
    },
  })
}

/** Resolves once `name`'s request is held at the upstream. */
async function heldRequestOf(name: string): Promise<void> {
  await vi.waitFor(() => expect(held.get(name)?.length).toBeGreaterThan(0), {
    timeout: 30_000,
    interval: 100,
  })
}

it('three workers run each slot at most once, every slot while one lives, and each alert once, across a SIGKILL', async () => {
  const url = await postgres.createDatabase()
  broken.clear()
  held.clear()
  for (const name of names.slice(0, 5)) broken.add(name)
  held.set('slow', [])
  await writeContracts([...names, 'slow'])
  smtp.mails.length = 0

  // All three start at once on a fresh database: they migrate it concurrently.
  const workers = new Map(['w1', 'w2', 'w3'].map((id) => [id, startWorker(id, url)]))
  const store = await createPostgresStore(url)
  let killed: string | undefined
  try {
    for (const worker of workers.values())
      await worker.waitFor(new RegExp(`scheduling ${CONTRACTS + 1} contract\\(s\\)`))
    const allUp = Date.now()

    // One e-mail per broken contract, from whichever worker ran it first.
    await smtp.waitForMails(5)

    // Kill the worker that holds `slow`'s run (its upstream answer is held), mid-run.
    await heldRequestOf('slow')
    const running = await runningClaimOf(store, 'slow')
    killed = running.worker
    const exited = await workers.get(killed)!.stop('SIGKILL')
    expect(exited.signal).toBe('SIGKILL')
    const killedAt = Date.now()
    for (const res of held.get('slow')!.splice(0)) res.destroy()
    held.delete('slow')

    // Its run is abandoned once the lease runs out, and a later slot of `slow` runs elsewhere.
    await vi.waitFor(
      async () => {
        const slots = await store.listSlots(running.slot)
        expect(slots.find((s) => s.task === 'slow' && s.slot === running.slot)?.status).toBe(
          'abandoned',
        )
        expect(
          slots.some((s) => s.task === 'slow' && s.slot > running.slot && s.status === 'finished'),
        ).toBe(true)
      },
      { timeout: 30_000, interval: 250 },
    )

    // Restarted as the same worker; then a contract breaks after the kill: one more e-mail.
    workers.set(killed, startWorker(killed, url))
    await workers.get(killed)!.waitFor(/scheduling \d+ contract\(s\)/)
    broken.add('c05')
    await smtp.waitForMails(6)

    await waitUntil(allUp + RUN_FOR_MS)
    const stoppedAt = Date.now()
    const exits = await Promise.all([...workers.values()].map((w) => w.stop('SIGTERM')))
    for (const exit of exits)
      expect({ code: exit.code, stderr: onlyKnownWarnings(exit.stderr) }).toEqual({
        code: 0,
        stderr: '',
      })

    // Every slot from all-up to stop (less the slots in flight at either end) has one claim.
    const from = evenSecondAfter(allUp + 2_000)
    const to = stoppedAt - 4_000
    const claims = (await store.listSlots(new Date(from).toISOString())).filter(
      (c) => Date.parse(c.slot) <= to,
    )
    for (const task of [...names, 'slow']) {
      const slots = claims.filter((c) => c.task === task).map((c) => Date.parse(c.slot))
      expect(slots, task).toEqual(evenSeconds(from, to))
    }
    const allClaims = await store.listSlots(new Date(0).toISOString())
    // Each ran, or was skipped because its own previous run still held the lease, or was the
    // killed worker's run in flight: abandoned.
    for (const claim of claims) {
      if (claim.status === 'finished') continue
      if (claim.status === 'abandoned') {
        expect(claim.worker).toBe(killed)
        expect(Date.parse(claim.claimedAt)).toBeLessThan(killedAt)
        continue
      }
      expect(claim.status, `${claim.task} ${claim.slot}`).toBe('skipped')
      expect(heldLeaseAt(allClaims, claim), `${claim.task} ${claim.slot}`).toBe(true)
    }

    // Never two runs at once, and each stored run is one slot's: no slot ran twice.
    const runIds = allClaims.flatMap((c) => (c.runId ? [c.runId] : []))
    expect(new Set(runIds).size).toBe(runIds.length)
    for (const task of [...names, 'slow']) {
      const runs = (await store.listRuns(task, 1000)).sort((a, b) =>
        a.startedAt.localeCompare(b.startedAt),
      )
      for (let i = 1; i < runs.length; i++)
        expect(runs[i]!.startedAt >= runs[i - 1]!.finishedAt, task).toBe(true)
      const unclaimed = runs.filter((r) => !runIds.includes(r.id))
      // A worker killed between storing a run and ending its claim leaves one such run at most.
      expect(unclaimed.length, task).toBeLessThanOrEqual(
        allClaims.filter((c) => c.task === task && c.status === 'abandoned').length,
      )
    }

    // No alert lost or doubled: one e-mail per broken contract, and nothing left to send.
    expect(smtp.mails.map((m) => m.parsed.subject?.split(' ')[1]).sort()).toEqual([
      'c00',
      'c01',
      'c02',
      'c03',
      'c04',
      'c05',
    ])
    // @note Known open defect (issue 12's note): under load, a worker that stops mid-pass can
    // leave a delivery pending whose e-mail already went out (seen in about a third of runs).
    // What is asserted here is that nothing was lost or doubled at the SMTP server above, and
    // that anything left over belongs to an alert whose e-mail was received.
    const leftover = await store.claimDeliveries({
      now: Date.now() + 3_600_000,
      leaseMs: 1,
      limit: 100,
      channels: ['email', 'webhook'],
      dueOnly: false,
    })
    const mailed = smtp.mails.map((m) => m.parsed.subject?.split(' ')[1])
    for (const delivery of leftover) expect(mailed).toContain(delivery.contract)

    // The fleet as every worker sees it: three workers, all stopped cleanly at the end.
    const registry = await store.listWorkers()
    expect(registry.map((w) => w.id)).toEqual(['w1', 'w2', 'w3'])
    expect(registry.every((w) => w.stoppedAt !== undefined)).toBe(true)
    await expectMigratedOnce(url)
  } finally {
    for (const worker of workers.values()) await worker.stop('SIGKILL')
    await store.close()
  }
}, 240_000)

it('records a run whose store restarted mid-run, once the server is back, and keeps scheduling', async () => {
  const url = await postgres.createDatabase()
  held.clear()
  held.set('held', [])
  await writeContracts(['held'])
  const worker = startWorker('solo', url)
  const store = await createPostgresStore(url)
  try {
    await worker.waitFor(/scheduling 1 contract\(s\)/)
    await heldRequestOf('held')
    const running = await runningClaimOf(store, 'held')
    await postgres.restart(async () => {
      // The run ends while the server is down: storing it meets a lost connection, and retries.
      for (const res of held.get('held')!.splice(0)) sendJson(res, 200, { id: 1 })
      held.delete('held')
      // Finishing the run reads the contract's pending handoff, then records the run: whichever
      // meets the outage first is retried.
      await worker.waitFor(
        /store connection was lost .* (record run|read the pending handoff of held)/,
        'stderr',
      )
    })
    await worker.waitFor(/held verified \(1\/1 passed\)/)
    await vi.waitFor(
      async () =>
        expect((await store.listSlots(running.slot))[0]).toMatchObject({
          slot: running.slot,
          status: 'finished',
        }),
      { timeout: 30_000, interval: 250 },
    )
    // And the next slots run on the restarted server.
    await worker.waitFor(/held verified[^]*held verified/)
    const runs = await store.listRuns('held')
    expect(runs.length).toBeGreaterThanOrEqual(2)
    const exit = await worker.stop('SIGTERM')
    expect(exit.code).toBe(0)
  } finally {
    await worker.stop('SIGKILL')
    await store.close()
  }
}, 120_000)

/** The running claim of `task`, once there is one. */
async function runningClaimOf(store: Store, task: string): Promise<SlotClaim> {
  let found: SlotClaim | undefined
  await vi.waitFor(
    async () => {
      found = (await store.listLatestSlots()).find((c) => c.task === task && c.status === 'running')
      expect(found).toBeDefined()
    },
    { timeout: 30_000, interval: 100 },
  )
  return found!
}

/**
 * Whether a run of the skipped slot's task held the lease when it was skipped: an earlier
 * slot of the task, claimed before and not ended until then.
 * @note Each time is read from its worker's clock before that worker's transaction, which
 * may then wait for a connection: a run may be stamped ended a little before the skip it
 * caused. Up to one slot interval (2 s) is allowed for that; a lease held by nobody would
 * be a whole slot or more off.
 */
function heldLeaseAt(claims: SlotClaim[], skipped: SlotClaim): boolean {
  const at = Date.parse(skipped.claimedAt)
  return claims.some(
    (c) =>
      c.task === skipped.task &&
      c.status !== 'skipped' &&
      c.slot < skipped.slot &&
      (c.finishedAt === undefined || Date.parse(c.finishedAt) >= at - 2_000),
  )
}

/**
 * The warnings a worker may print in this test (a slot skipped while the run before it goes
 * on, a run abandoned, a late heartbeat under load, and at stop the fleet-wide outbox count,
 * which includes alerts another worker is sending that moment); anything else is a failure.
 */
function onlyKnownWarnings(stderr: string): string {
  return stderr
    .split('\n')
    .filter(
      (line) =>
        line &&
        !/warning: .*(was skipped|was abandoned|heartbeat failed|still waiting in the outbox)/.test(
          line,
        ),
    )
    .join('\n')
}

function evenSecondAfter(ms: number): number {
  return Math.ceil(ms / 2000) * 2000
}

function evenSeconds(from: number, to: number): number[] {
  const out: number[] = []
  for (let t = from; t <= to; t += 2000) out.push(t)
  return out
}

function waitUntil(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms - Date.now())))
}

async function expectMigratedOnce(url: string) {
  const client = new pg.Client(url)
  await client.connect()
  try {
    const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version')
    expect(rows).toEqual(postgresMigrations.map((_, i) => ({ version: i + 1 })))
  } finally {
    await client.end()
  }
}
