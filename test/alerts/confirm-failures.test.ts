import { afterEach, beforeEach, expect, it } from 'vitest'
import { createSqliteStore } from '../../src/store/index.js'
import { sendJson, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js'

const project = useProject({ confirm: 0 })
const upstream = useLocalUpstream((_req, res) => sendJson(res, 200, { id: 1 }))
let smtp: SmtpSink

beforeEach(async () => {
  smtp = await startSmtpSink()
})
afterEach(async () => {
  await smtp.close()
})

async function verifyAgainst(answers: unknown[]) {
  let requests = 0
  upstream.handle = (_req, res) =>
    sendJson(res, 200, answers[Math.min(requests++, answers.length - 1)])
  await project.writeContract('posts-api', {
    baseUrl: upstream.origin,
    interactions: [typedInteraction('get post 1', '/posts/1', { id: 1 })],
    confirm: 1,
  })
  const result = await project.run(['verify'], {
    UPCHECK_TEST_TOKEN: 'tok-9a8b7c6d',
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    ALERT_FROM: 'upcheck@example.com',
  })
  const store = createSqliteStore(project.storeFile)
  try {
    return {
      code: result.code,
      requests,
      status: (await store.latestRun('posts-api'))?.status,
      alerts: (await store.listAlerts('posts-api')).length,
    }
  } finally {
    await store.close()
  }
}

it('re-probes a failed probe and pages nobody when the second answer is right', async () => {
  expect(await verifyAgainst([{ id: 'flaky' }, { id: 1 }])).toEqual({
    code: 0,
    requests: 2,
    status: 'verified',
    alerts: 0,
  })
  expect(smtp.mails).toHaveLength(0)
})

it('counts a failure confirmed by the re-probe, and alerts once', async () => {
  expect(await verifyAgainst([{ id: 'one' }, { id: 'one' }])).toEqual({
    code: 1,
    requests: 2,
    status: 'broken',
    alerts: 1,
  })
  expect(smtp.mails).toHaveLength(1)
})
