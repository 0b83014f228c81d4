import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { deliverPendingAlerts } from '../../src/alerts/index.js'
import { createAlertWiring, createHandoffDeps } from '../../src/cli/wiring.js'
import { loadConfig, loadContracts } from '../../src/contracts/index.js'
import { remindPendingHandoffs } from '../../src/handoffs/index.js'
import { openInstanceSigner } from '../../src/receipts/index.js'
import { createSqliteStore } from '../../src/store/index.js'
import { startCliProcess } from '../support/cli-process.js'
import { sendJson, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'
import { useSmtpSink } from '../support/smtp-sink.js'
import { startTestDaemon } from '../support/test-daemon.js'

const TOKEN = 'tok-PLANTED-h4nd0ff-77'
const ANN = 'Ann Lee <ann@example.com>'
const BO = 'Bo Chen <bo@example.com>'

const project = useProject({ confirm: 0 })
const upstream = useLocalUpstream((_req, res) => sendJson(res, 200, { id: 1, title: 'hello' }))
const sinks = useSmtpSink()

const env = (port: number) => ({
  UPCHECK_TEST_TOKEN: TOKEN,
  SMTP_URL: `smtp://127.0.0.1:${port}`,
  ALERT_FROM: 'upcheck <upcheck@example.com>',
})

async function writePostsContract() {
  await project.writeContract('posts-api', {
    baseUrl: upstream.origin,
    interactions: [typedInteraction('get post 1', '/posts/1', { id: 1, title: 'hello' })],
    extra: 'runbook: https://wiki.example.com/posts-api\nalerts:\n  remindEvery: 24h',
  })
}

async function setOwner(owner: string) {
  const file = join(project.dir, 'contracts', 'posts-api.yaml')
  const text = await readFile(file, 'utf8')
  await writeFile(file, text.replace(/^owner: .*$/m, `owner: ${owner}`))
}

/** `upcheck <args>` in a child process from the project folder. */
function cli(args: string[], extra: Record<string, string> = {}) {
  return startCliProcess(args, { cwd: project.dir, env: { UPCHECK_TEST_TOKEN: TOKEN, ...extra } })
    .exited
}

/** A personal key made by `keys create`, its public half committed to the team's keys/. */
async function createPersonalKey(name: string, file: string) {
  const made = await project.run(['keys', 'create', '--name', name, '--out', file, '--json'])
  expect(made.code).toBe(0)
  await mkdir(join(project.dir, 'keys'), { recursive: true })
  await writeFile(join(project.dir, 'keys', file), JSON.parse(made.stdout).publicKey)
}

const receiptsOf = async () =>
  JSON.parse((await project.run(['receipts', 'posts-api', '--json'])).stdout).receipts as {
    sequence: number
    kind: string
    by: string
    signers: string[]
    digest: string
  }[]

describe('an owner handoff, from the edit of owner: to its acceptance', () => {
  it('mails both owners, shows it pending, and completes when the new owner accepts with their key', async () => {
    const smtp = await sinks.start()
    await writePostsContract()
    expect((await project.run(['verify'], env(smtp.port))).code).toBe(0)
    await setOwner(BO)

    expect((await project.run(['verify'], env(smtp.port))).code).toBe(0)

    const mails = await smtp.waitForMails(2)
    const toBo = mails.find((m) => m.rcptTo.includes('bo@example.com'))!
    const toAnn = mails.find((m) => m.rcptTo.includes('ann@example.com'))!
    expect(toBo.rcptTo).toEqual(['bo@example.com'])
    expect(toBo.parsed.subject).toBe(
      `[upcheck] posts-api is now yours: accept the handoff from ${ANN}`,
    )
    const text = toBo.parsed.text!
    expect(text).toMatch(/Status: +verified/)
    expect(text).toMatch(/Last verified: +\d{4}-\d\d-\d\d \d\d:\d\d UTC/)
    expect(text).toContain('Open findings (latest run): none')
    expect(text).toMatch(/Recent runs\n {2}- \d{4}-\d\d-\d\d \d\d:\d\d UTC verified: 1\/1 passed/)
    expect(text).toMatch(/Runbook: +https:\/\/wiki\.example\.com\/posts-api/)
    const change = (await receiptsOf()).find((r) => r.kind === 'owner-changed')!
    // The head it names is the owner-change receipt: the whole trail handed over.
    expect(text).toContain(`Receipt trail head: #${change.sequence} sha256:${change.digest}`)
    expect(text).toContain(
      'upcheck owner accept posts-api --key ~/.config/upcheck/keys/bo@example.com.pem',
    )
    expect(text).toContain(`upcheck keys create --name "${BO}"`)
    expect(toAnn.rcptTo).toEqual(['ann@example.com'])
    expect(toAnn.parsed.subject).toBe(`[upcheck] posts-api is being handed over to ${BO}`)
    expect(toAnn.parsed.text).not.toContain('owner accept')

    const latest = JSON.parse(await readFile(join(project.dir, 'reports/latest.json'), 'utf8'))
    const handoff = latest.contracts[0].handoff
    expect(handoff).toEqual({ from: ANN, to: BO, since: expect.any(String) })
    expect(new Date(handoff.since).toISOString()).toBe(handoff.since)
    const summary = await readFile(join(project.dir, 'reports/summary.md'), 'utf8')
    expect(summary).toContain(`| posts-api | Bo Chen &lt;bo@example.com>, handoff pending since`)
    const status = await cli(['status'])
    expect(status.stdout).toMatch(
      new RegExp(
        `posts-api: handoff pending since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC \\(from ${ANN}\\)`,
      ),
    )
    const statusJson = await project.run(['status', '--json'])
    expect(JSON.parse(statusJson.stdout).contracts[0].handoff).toEqual(handoff)

    await createPersonalKey(BO, 'bo.pem')
    const accepted = await cli(['owner', 'accept', 'posts-api', '--key', 'bo.pem'])
    expect(accepted.stderr).toBe('')
    expect(accepted.code).toBe(0)
    expect(accepted.stdout).toMatch(/handoff from Ann Lee <ann@example.com> accepted by Bo Chen/)

    const after = await receiptsOf()
    expect(after[0]).toMatchObject({ kind: 'handoff-accepted', by: BO })
    expect(after[0]!.signers).toHaveLength(2)
    expect(after.map((r) => r.kind).reverse()).toEqual([
      'contract-added',
      'run',
      'owner-changed',
      'run',
      'handoff-accepted',
    ])
    const verified = await cli(['receipts', 'posts-api', '--verify'])
    expect(verified.stderr).toBe('')
    expect(verified.code).toBe(0)
    const cleared = await project.run(['status', '--json'])
    expect(JSON.parse(cleared.stdout).contracts[0].handoff).toBeUndefined()
  }, 120_000)

  it('refuses the acceptance by anyone but the new owner, and without a key', async () => {
    await writePostsContract()
    await project.run(['verify'])
    await setOwner(BO)
    await project.run(['verify'])
    await createPersonalKey('Cy Diaz <cy@example.com>', 'cy.pem')

    const wrong = await cli(['owner', 'accept', 'posts-api', '--key', 'cy.pem'])
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain(
      `Refused: the key is Cy Diaz <cy@example.com>'s, but the handoff of posts-api is to ${BO}.`,
    )
    expect(wrong.stderr).toContain('[HANDOFF_REFUSED]')
    const unsigned = await cli(['owner', 'accept', 'posts-api'])
    expect(unsigned.code).toBe(2)
    expect(unsigned.stderr).toContain("a handoff is accepted with the new owner's own signature")
    expect((await receiptsOf()).map((r) => r.kind)).not.toContain('handoff-accepted')
    expect(
      JSON.parse((await project.run(['status', '--json'])).stdout).contracts[0].handoff,
    ).toMatchObject({
      to: BO,
    })
  }, 120_000)

  it('reminds the new owner every alerts.remindEvery, and alerts both owners while pending', async () => {
    const smtp = await sinks.start()
    await writePostsContract()
    await project.run(['verify'], env(smtp.port))
    await setOwner(BO)
    await project.run(['verify'], env(smtp.port))
    await smtp.waitForMails(2)

    const config = await loadConfig({ cwd: project.dir })
    const { contracts } = await loadContracts(config.contracts, { config, cwd: project.dir })
    const store = createSqliteStore(config.store)
    const alerting = createAlertWiring({ store, config, env: env(smtp.port) })
    let now = Date.now()
    const clock = { now: () => now }
    const deps = createHandoffDeps({
      store,
      env: env(smtp.port),
      signer: await openInstanceSigner(config.store, project.dir),
      alerts: { ...alerting.plan, clock },
      clock,
    })
    try {
      now += 23 * 3_600_000
      expect(await remindPendingHandoffs(contracts, deps)).toEqual([])
      now += 3_600_000
      expect(await remindPendingHandoffs(contracts, deps)).toEqual(['posts-api'])
      expect(await remindPendingHandoffs(contracts, deps)).toEqual([])
      await deliverPendingAlerts({ ...alerting.deliver, clock }, { dueOnly: false })
      const [, , reminder] = await smtp.waitForMails(3)
      expect(reminder!.rcptTo).toEqual(['bo@example.com'])
      expect(reminder!.parsed.subject).toBe(
        '[upcheck] posts-api: handoff pending for 1 day, waiting for you to accept',
      )
      expect(reminder!.parsed.text).toContain('upcheck owner accept posts-api --key')
      now += 24 * 3_600_000
      expect(await remindPendingHandoffs(contracts, deps)).toEqual(['posts-api'])
    } finally {
      alerting.close()
      await store.close()
    }

    // A break while pending reaches the old owner too.
    upstream.handle = (_req, res) => sendJson(res, 200, { id: 'one', title: 'hello' })
    expect((await project.run(['verify'], env(smtp.port))).code).toBe(1)
    const mails = await smtp.waitForMails(5)
    const broken = mails.find((m) => m.parsed.subject?.includes('posts-api broken'))!
    expect(broken.rcptTo.sort()).toEqual(['ann@example.com', 'bo@example.com'])
  })

  it('never puts a secret the upstream echoed into the handoff e-mails', async () => {
    const smtp = await sinks.start()
    await writePostsContract()
    upstream.handle = (req, res) =>
      sendJson(res, 200, { id: String(req.headers.authorization), title: 'hello' })
    expect((await project.run(['verify'], env(smtp.port))).code).toBe(1)
    await setOwner(BO)
    await project.run(['verify'], env(smtp.port))
    const mails = await smtp.waitForMails(3)
    const toBo = mails.find((m) => m.parsed.subject?.includes('is now yours'))!
    expect(toBo.parsed.text).toMatch(
      /Open findings \(latest run\)\n {2}- breaking: GET \/posts\/\{id\} \$\.id/,
    )
    expect(toBo.parsed.text).toContain('<redacted>')
    for (const mail of mails) expect(mail.raw).not.toContain(TOKEN)
  })

  it('opens the handoff from the daemon too, when it sees the edited file', async () => {
    const smtp = await sinks.start()
    await writePostsContract()
    await project.run(['verify'], env(smtp.port))
    const daemon = await startTestDaemon(project, { env: env(smtp.port), watch: true })
    try {
      await setOwner(BO)
      await daemon.waitFor('reloaded')
      expect(await daemon.store.pendingHandoff('posts-api')).toMatchObject({
        fromOwner: ANN,
        toOwner: BO,
      })
    } finally {
      await daemon.stop()
    }
    const mails = await smtp.waitForMails(2)
    expect(mails.map((m) => m.rcptTo[0]).sort()).toEqual(['ann@example.com', 'bo@example.com'])
    expect((await receiptsOf())[0]).toMatchObject({ kind: 'owner-changed' })
  })
})

describe('first-sighting and removal receipts', () => {
  it('receipts a contract when first seen and when its file leaves the folder, once each', async () => {
    await writePostsContract()
    await project.writeContract('users-api', {
      baseUrl: upstream.origin,
      interactions: [typedInteraction('get post 1', '/posts/1', { id: 1, title: 'hello' })],
    })
    await project.run(['verify', 'users-api'])
    // The folder is reconciled whatever the names given: posts-api was seen, not run.
    expect((await receiptsOf()).map((r) => r.kind)).toEqual(['contract-added'])
    await writeFile(join(project.dir, 'contracts', 'posts-api.yaml'), 'name: [unclosed')
    await project.run(['verify'])
    expect((await receiptsOf()).map((r) => r.kind)).toEqual(['contract-added'])

    const { rm } = await import('node:fs/promises')
    await rm(join(project.dir, 'contracts', 'posts-api.yaml'))
    await project.run(['verify'])
    await project.run(['verify'])
    expect((await receiptsOf()).map((r) => r.kind)).toEqual(['contract-removed', 'contract-added'])
    const verified = await project.run(['receipts', 'posts-api', '--verify'])
    expect(verified.code).toBe(0)
  })
})
