import { describe, expect, it } from 'vitest'
import type { AlertFacts } from './alert-facts.js'
import { formatDuration } from './format-duration.js'
import { listRecipients } from './recipients.js'
import { renderAlertEmail } from './render-email.js'
import { renderAlertWebhook } from './render-webhook.js'
import { idBecameString } from '../../test/support/sample-finding.js'

const createdAt = '2026-11-25T10:30:00.000Z'
const typeChange = idBecameString(
  'GET /posts/1: $.id: expected a number (like 1), got the string "1"',
)
const broken: AlertFacts = {
  kind: 'broken',
  contract: 'posts-api',
  owner: 'Ann Lee <ann@example.com>',
  runbook: 'https://wiki.example.com/posts-api',
  status: 'broken',
  previousStatus: 'verified',
  since: '2026-11-25T08:00:00.000Z',
  lastVerifiedAt: '2026-11-25T07:45:00.000Z',
  run: {
    id: 'run-1',
    startedAt: '2026-11-25T07:59:59.000Z',
    finishedAt: '2026-11-25T08:00:00.000Z',
    counts: { total: 3, passed: 2, failed: 1, skipped: 0, unreachable: 0 },
  },
  findings: [typeChange],
  omittedFindings: 0,
  specChanges: [
    {
      source: 'spec',
      severity: 'breaking',
      rule: 'response-property-type-changed',
      operation: 'GET /posts/{id}',
      affectsInteractions: true,
      message: 'id changed from integer to string',
    },
  ],
  operations: ['GET /posts/{id}'],
  rerunCommand: 'upcheck verify posts-api',
  baselineCommand: 'upcheck baseline accept posts-api',
}

describe('renderAlertEmail', () => {
  it('names the contract, the operation, the path and the change in the subject', () => {
    expect(renderAlertEmail({ ...broken, specChanges: [] }, createdAt).subject).toBe(
      '[upcheck] posts-api broken: GET /posts/{id} $.id number → string',
    )
    expect(renderAlertEmail(broken, createdAt).subject).toBe(
      '[upcheck] posts-api broken: GET /posts/{id} $.id number → string (+1 more)',
    )
  })

  it('tells status and since when, last verified, findings, spec changes, operations and what to do next', () => {
    const { text } = renderAlertEmail(broken, createdAt)
    expect(text).toContain('Status:        broken since 2026-11-25 08:00 UTC (2 h 30 min)')
    expect(text).toContain('Last verified: 2026-11-25 07:45 UTC (2 h 45 min before this alert)')
    expect(text).toContain('at $.id: expected number, actual string')
    expect(text).toContain(
      'Spec changes that affect the interactions\n  - GET /posts/{id} response-property-type-changed: id changed from integer to string',
    )
    expect(text).toContain('Operations affected\n  - GET /posts/{id}')
    expect(text).toContain('Re-run the check: upcheck verify posts-api')
    expect(text).toContain('upcheck baseline accept posts-api')
    expect(text).toContain('Runbook: https://wiki.example.com/posts-api')
  })

  it('escapes what the upstream sent in the HTML part', () => {
    const hostile = {
      ...broken,
      findings: [{ ...typeChange, actual: '<script>alert(1)</script>' }],
    }
    const { html } = renderAlertEmail(hostile, createdAt)
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('says in a recovery how long the contract was broken', () => {
    const recovered: AlertFacts = {
      ...broken,
      kind: 'recovered',
      status: 'verified',
      previousStatus: 'broken',
      downForMs: 2 * 3_600_000 + 5 * 60_000,
      findings: [],
      specChanges: [],
      operations: [],
    }
    const email = renderAlertEmail(recovered, createdAt)
    expect(email.subject).toBe(
      '[upcheck] posts-api recovered: verified again after 2 h 5 min broken',
    )
    expect(email.text).toContain('It was broken for 2 h 5 min, since 2026-11-25 08:00 UTC.')
  })

  it('names the fault of an unreachable contract and the freshness of a stale one', () => {
    const unreachable: AlertFacts = {
      ...broken,
      kind: 'unreachable',
      status: 'unreachable',
      findings: [
        {
          source: 'probe',
          severity: 'warning',
          operation: 'GET /posts/{id}',
          actual: 'timeout',
          message: 'GET /posts/1: unreachable (timeout) after 3 tries',
        },
      ],
      specChanges: [],
    }
    expect(renderAlertEmail(unreachable, createdAt).subject).toBe(
      '[upcheck] posts-api unreachable: GET /posts/{id} timeout',
    )
    const stale: AlertFacts = {
      ...broken,
      kind: 'stale',
      status: 'verified',
      since: '2026-11-24T07:45:00.000Z',
      freshness: '24h',
      findings: [],
      specChanges: [],
      operations: [],
    }
    expect(renderAlertEmail(stale, createdAt).subject).toBe(
      '[upcheck] posts-api stale: not verified since 2026-11-24 07:45 UTC (freshness 24h)',
    )
  })
})

describe('renderAlertWebhook', () => {
  it('carries a Slack-compatible text and the facts as fields', () => {
    const body = renderAlertWebhook(broken, { id: 'alert-1', createdAt })
    expect(body.text).toMatch(
      /^\*\[upcheck\] posts-api broken: GET \/posts\/\{id\} \$\.id number → string/,
    )
    expect(body.text).toContain('→ Re-run the check: upcheck verify posts-api')
    expect(body).toMatchObject({
      alertId: 'alert-1',
      kind: 'broken',
      contract: 'posts-api',
      status: 'broken',
      operations: ['GET /posts/{id}'],
    })
  })
})

describe('listRecipients', () => {
  it('puts the owner first and each address once', () => {
    expect(
      listRecipients({
        owner: 'Ann Lee <ann@example.com>',
        alerts: {
          email: ['team@example.com', 'ANN@example.com'],
          unreachableAfter: 3,
          remindEveryMs: 1,
          sunsetNoticeMs: 1,
        },
      }),
    ).toEqual(['Ann Lee <ann@example.com>', 'team@example.com'])
    expect(
      listRecipients({
        owner: 'Ann Lee',
        alerts: { email: [], unreachableAfter: 3, remindEveryMs: 1, sunsetNoticeMs: 1 },
      }),
    ).toEqual([])
  })
})

describe('formatDuration', () => {
  it('keeps the two largest units', () => {
    expect(
      [0, 45_000, 12 * 60_000, 2 * 3_600_000, 26 * 3_600_000 + 60_000, 48 * 3_600_000].map(
        formatDuration,
      ),
    ).toEqual(['0 s', '45 s', '12 min', '2 h', '1 day 2 h', '2 days'])
  })
})
