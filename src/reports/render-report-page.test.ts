import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import type { Finding } from '../model/index.js'
import { createSecretScrubber } from '../text/index.js'
import { idBecameString } from '../../test/support/sample-finding.js'
import { renderBadge } from './render-badge.js'
import { renderReportPage } from './render-report-page.js'
import type { ContractPage, ReportPage } from './report-page.js'

const now = '2026-11-25T11:00:00.000Z'
const secret = 'sk-live-7f6e5d4c'

const specFinding = (affects: boolean, message: string): Finding => ({
  source: 'spec',
  severity: 'breaking',
  operation: 'GET /posts/{id}',
  rule: 'response-property-removed',
  affectsInteractions: affects,
  message,
})

function contract(overrides: Partial<ContractPage>): ContractPage {
  return {
    name: 'posts-api',
    owner: 'Ann Lee <ann@example.com>',
    status: 'verified',
    lastVerifiedAt: '2026-11-25T08:00:00.000Z',
    lastRunAt: '2026-11-25T08:00:00.000Z',
    stale: false,
    freshness: '24h',
    schedule: null,
    running: false,
    findings: [],
    findingCount: 0,
    recentRuns: [],
    brokenSince: null,
    receipts: [],
    ...overrides,
  }
}

const broken = contract({
  name: 'users-api',
  status: 'broken',
  brokenSince: '2026-11-25T09:00:00.000Z',
  findings: [
    idBecameString(`GET /users/1: $.id was a number, now "<script>alert(1)</script> ${secret}"`),
    idBecameString('GET /users/2: $.name is gone', 'get user 2'),
    specFinding(true, 'GET /posts/{id}: 200 response property body removed'),
    specFinding(false, 'DELETE /posts/{id}: 204 response removed'),
  ],
  findingCount: 4,
  recentRuns: ['verified', 'verified', 'broken', 'broken'].map((status, i) => ({
    id: `r${i}`,
    status: status as 'verified' | 'broken',
    startedAt: new Date(Date.parse('2026-11-25T06:59:59Z') + i * 3_600_000).toISOString(),
    finishedAt: new Date(Date.parse('2026-11-25T07:00:00Z') + i * 3_600_000).toISOString(),
  })),
  receipts: [
    {
      sequence: 4,
      kind: 'run',
      createdAt: '2026-11-25T10:00:00.000Z',
      digest: 'ab'.repeat(32),
      signers: ['cd'.repeat(32)],
    },
  ],
  handoff: { from: 'Ann Lee <ann@example.com>', to: 'Bo Ma <bo@example.com>', since: now },
})

const page: ReportPage = {
  generatedAt: now,
  contracts: [contract({}), broken],
  errors: [{ file: 'contracts/bad.yaml', code: 'CONTRACT_INVALID', message: 'owner <missing>' }],
  outbox: { pending: 1 },
}

describe('the report page', () => {
  const html = renderReportPage(page, { scrub: createSecretScrubber([secret]).scrub })

  it('escapes upstream text and runs no script, so it is safe to open from a file', () => {
    expect(html).not.toMatch(/<script/i)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('owner &lt;missing&gt;')
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">')
  })

  it('cuts the secrets it is given out of every text', () => {
    expect(html).not.toContain(secret)
    expect(html).toContain('&lt;redacted&gt;')
  })

  it('groups probe findings by interaction and lists only the spec changes that affect the contract', () => {
    expect(html).toMatch(/<h4 class="interaction">get post 1<\/h4><ul class="findings"><li>/)
    expect(html).toContain('<h4 class="interaction">get user 2</h4>')
    expect(html).toContain('200 response property body removed')
    expect(html).not.toContain('204 response removed')
    expect(html).toContain('1 more spec change touches nothing the recorded interactions use.')
  })

  it('shows the run strip, broken since, the pending handoff and the receipts with their digests', () => {
    expect(
      html.match(
        /<li class="run status-(verified|broken)" title="2026-11-25 \d\d:00 UTC: (verified|broken)"/g,
      ),
    ).toHaveLength(4)
    expect(html).toMatch(
      /<dt>Broken since<\/dt><dd class="broken-since"><time datetime="2026-11-25T09:00:00.000Z"[^>]*>2026-11-25 09:00 UTC<\/time> <span class="ago">\(2 h ago\)<\/span>/,
    )
    expect(html).toContain('handoff to Bo Ma &lt;bo@example.com&gt; pending since')
    expect(html).toContain(`<code class="digest">${'ab'.repeat(32)}</code>`)
    expect(html).toContain('1 handoff pending')
  })

  it('reloads itself only when asked (the daemon’s page), never as a file', () => {
    expect(html).not.toContain('http-equiv="refresh"')
    expect(renderReportPage(page, { refreshSeconds: 30 })).toContain(
      '<meta http-equiv="refresh" content="30">',
    )
  })
})

describe('the badges', () => {
  const at = Date.parse(now)
  const parse = (svg: string) => {
    expect(XMLValidator.validate(svg)).toBe(true)
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg)
    return { title: parsed.svg.title as string, svg }
  }

  it('is green with the time since the last verified run while verified and fresh', () => {
    const badge = parse(renderBadge(contract({}), at))
    expect(badge.title).toBe('upcheck: verified 3h ago')
    expect(badge.svg).toContain('fill="#4b0"')
  })

  it('is red while broken, saying for how long', () => {
    const badge = parse(renderBadge(broken, at))
    expect(badge.title).toBe('upcheck: broken for 2h')
    expect(badge.svg).toContain('fill="#dd4343"')
  })

  it('is grey when nothing is known for sure: stale, unreachable or never run', () => {
    const cases: [Partial<ContractPage>, string][] = [
      [{ stale: true, lastVerifiedAt: '2026-11-20T11:00:00.000Z' }, 'stale, verified 5d ago'],
      [{ status: 'unreachable' }, 'unreachable, verified 3h ago'],
      [{ status: 'never run', lastVerifiedAt: null }, 'unknown'],
    ]
    for (const [overrides, message] of cases) {
      const badge = parse(renderBadge(contract(overrides), at))
      expect(badge.title).toBe(`upcheck: ${message}`)
      expect(badge.svg).toContain('fill="#939393"')
    }
  })
})
