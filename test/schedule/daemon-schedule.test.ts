import type { ServerResponse } from 'node:http'
import { writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import type { CronScheduler } from '../../src/schedule/index.js'
import { sendJson, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js'
import { startTestDaemon } from '../support/test-daemon.js'

const project = useProject({ confirm: 0 })
const upstream = useLocalUpstream((_req, res) => sendJson(res, 200, { id: 1 }))
let smtp: SmtpSink | undefined
const env = { UPCHECK_TEST_TOKEN: 'tok-4c1d2e3f' }

afterEach(async () => {
  await smtp?.close()
  smtp = undefined
})

it('runs a contract on a one-second schedule, never two runs of it at once, skipping the slots that come mid-run', async () => {
  const held: ServerResponse[] = []
  let firstArrived: () => void = () => {}
  const arrived = new Promise<void>((resolve) => (firstArrived = resolve))
  let inFlight = 0
  let maxInFlight = 0
  let hold = true
  upstream.handle = (_req, res) => {
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    res.on('close', () => inFlight--)
    if (hold) {
      held.push(res)
      firstArrived()
    } else sendJson(res, 200, { id: 1 })
  }
  await project.writeContract('posts-api', {
    baseUrl: upstream.origin,
    interactions: [typedInteraction('get post 1', '/posts/1', { id: 1 })],
    extra: 'schedule: "* * * * * *"',
  })
  const test = await startTestDaemon(project, { env })
  try {
    await arrived
    // The next second's slot comes while the first run waits on the upstream: it must be skipped.
    await test.waitFor('skipped')
    hold = false
    for (const res of held.splice(0)) sendJson(res, 200, { id: 1 })
    await test.waitFor('recorded', 3)
  } finally {
    await test.stop()
  }
  const order = test.seen
    .filter((e) => e.type === 'started' || e.type === 'finished')
    .map((e) => e.type)
  expect(order.length).toBeGreaterThanOrEqual(6)
  order.forEach((type, i) => expect(type).toBe(i % 2 === 0 ? 'started' : 'finished'))
  expect(maxInFlight).toBe(1)
  const recorded = test.seen.filter((e) => e.type === 'recorded').length
  const reopened = (await import('../../src/store/index.js')).createSqliteStore(project.storeFile)
  try {
    const runs = await reopened.listRuns('posts-api')
    expect(runs).toHaveLength(recorded)
    expect(runs.every((r) => r.status === 'verified')).toBe(true)
    // Each run names the slot it fired for, and the host and process that ran it.
    const fired = test.seen.flatMap((e) => (e.type === 'fired' ? [e.slot.toISOString()] : []))
    const slots = runs.map((r) => r.slot)
    expect(new Set(slots).size).toBe(runs.length)
    for (const slot of slots) expect(fired).toContain(slot)
    expect(runs.every((r) => r.host === hostname() && r.pid === process.pid)).toBe(true)
  } finally {
    reopened.close()
  }
})

/** posts-api on a yearly schedule (so only a change in the folder makes the daemon act), watched. */
async function startWatchingDaemon() {
  await project.writeContract('posts-api', {
    baseUrl: upstream.origin,
    interactions: [typedInteraction('one', '/posts/1', { id: 1 })],
    extra: 'schedule: "0 0 1 1 *"',
  })
  return startTestDaemon(project, { env, watch: true })
}

function writeUsersApi(schedule: string) {
  return project.writeContract('users-api', {
    baseUrl: upstream.origin,
    interactions: [typedInteraction('one', '/users/1', { id: 1 })],
    extra: `schedule: "${schedule}"`,
  })
}

/** The first reload whose contracts include `name`: a folder change may take several. */
async function waitForReloadWith(test: Awaited<ReturnType<typeof startTestDaemon>>, name: string) {
  let reloaded = await test.waitFor('reloaded')
  for (let n = 2; !reloaded.contracts.includes(name); n++)
    reloaded = await test.waitFor('reloaded', n)
  return reloaded
}

it('picks up a contract added to the folder while running', async () => {
  const test = await startWatchingDaemon()
  try {
    await writeUsersApi('* * * * * *')
    const reloaded = await waitForReloadWith(test, 'users-api')
    expect(reloaded.contracts.sort()).toEqual(['posts-api', 'users-api'])
    const recorded = await test.waitFor('recorded')
    expect(recorded.contract).toBe('users-api')
  } finally {
    await test.stop()
  }
})

it('keeps running the last good version of a contract whose file turns invalid', async () => {
  const test = await startWatchingDaemon()
  try {
    await writeFile(
      join(project.dir, 'contracts', 'posts-api.yaml'),
      'name: posts-api\nowner: [unclosed\n',
    )
    const reloaded = await test.waitFor('reloaded')
    expect(reloaded.contracts).toEqual(['posts-api'])
    expect(test.log.join('\n')).toContain('posts-api.yaml')
  } finally {
    await test.stop()
  }
})

it('keeps the last good version of a contract turned into a YAML alias bomb, and reloads the rest', async () => {
  const test = await startWatchingDaemon()
  try {
    await writeFile(
      join(project.dir, 'contracts', 'posts-api.yaml'),
      [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
        'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
        'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
        'name: posts-api',
      ].join('\n'),
    )
    await writeUsersApi('0 0 1 1 *')
    const reloaded = await waitForReloadWith(test, 'users-api')
    expect(reloaded.contracts.sort()).toEqual(['posts-api', 'users-api'])
    expect(test.daemon.contracts().find((c) => c.name === 'posts-api')?.owner).toBe(
      'Ann Lee <ann@example.com>',
    )
    expect(test.log.join('\n')).toMatch(
      /posts-api\.yaml:1:1: the YAML expands its aliases .*\[CONTRACT_UNREADABLE\]/,
    )
  } finally {
    await test.stop()
  }
}, 20_000)

it('mails a stale alert once when the freshness check finds a verified contract past its window', async () => {
  smtp = await startSmtpSink()
  await project.writeContract('posts-api', {
    baseUrl: upstream.origin,
    interactions: [typedInteraction('one', '/posts/1', { id: 1 })],
  })
  const smtpEnv = {
    ...env,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    ALERT_FROM: 'upcheck@example.com',
  }
  expect((await project.run(['verify'], smtpEnv)).code).toBe(0)

  // The contract's freshness is 1h; the daemon's clock says two hours have passed.
  let now = Date.now() + 2 * 3_600_000
  const fires: (() => void)[] = []
  const cron: CronScheduler = {
    schedule: (_expression, _name, handlers) => {
      fires.push(() => handlers.onFire(new Date(now)))
      return { stop: () => {} }
    },
  }
  const test = await startTestDaemon(project, { env: smtpEnv, cron, clock: { now: () => now } })
  try {
    const first = await test.waitFor('freshness-checked')
    expect(first.alerts.map((a) => a.kind)).toEqual(['stale'])
    now += 60_000
    for (const fire of fires) fire()
    expect((await test.waitFor('freshness-checked', 2)).alerts).toEqual([])
  } finally {
    await test.stop()
  }
  // Raised and sent each get a line in the daemon's log.
  expect(test.log).toContain('posts-api: stale alert raised, to be sent by email')
  expect(test.log).toContain('posts-api: stale alert (email) sent')
  expect(smtp.mails.map((m) => m.parsed.subject)).toEqual([
    expect.stringMatching(/^\[upcheck\] posts-api stale: not verified since .* \(freshness 1h\)$/),
  ])
})
