import { describe, expect, it } from 'vitest'
import type { Contract } from '../model/index.js'
import type { ReportEntry } from '../reports/index.js'
import { createConsoleReporter } from './console-reporter.js'

const contract = { name: 'posts-api' } as Contract
const entry: ReportEntry = {
  name: 'posts-api',
  owner: 'Ann <ann@example.com>',
  lastVerifiedAt: '2026-11-25T07:00:00.000Z',
  stale: false,
  run: {
    id: 'r',
    contract: 'posts-api',
    status: 'broken',
    startedAt: '2026-11-25T08:00:00.000Z',
    finishedAt: '2026-11-25T08:00:02.000Z',
    counts: { total: 2, passed: 1, failed: 1, skipped: 0, unreachable: 0 },
    probes: [
      {
        interaction: 'get post',
        operation: 'GET /posts/{id}',
        verdict: 'failed',
        durationMs: 5,
        attempts: 1,
        findings: [],
      },
    ],
    findings: [
      {
        source: 'probe',
        severity: 'breaking',
        interaction: 'get post',
        message: 'GET /posts/1: $.id: expected a number (like 1), got the string "1"',
      },
    ],
  },
}

function capture(options: { tty: boolean; env?: Record<string, string> }) {
  const out = { stdout: '', stderr: '' }
  let now = Date.parse('2026-11-25T08:00:00Z')
  const reporter = createConsoleReporter({
    io: {
      stdout: { write: (s: string) => (out.stdout += s), isTTY: options.tty },
      stderr: { write: (s: string) => (out.stderr += s), isTTY: options.tty },
      env: options.env ?? {},
      cwd: () => '/',
    },
    quiet: false,
    json: false,
    now: () => now,
  })
  return { out, reporter, advance: (ms: number) => (now += ms) }
}

describe('the console reporter', () => {
  it('prints a line per contract, then its findings under their interaction, without colour off a terminal', () => {
    const { out, reporter } = capture({ tty: false })
    reporter.onContractEnd?.(entry)
    expect(out.stdout).toBe('')
    reporter.flush()
    expect(out.stdout).toBe(
      '✘ broken  posts-api  1/2 passed, 1 failed  last verified 1 hour ago (2026-11-25T07:00:00.000Z) (before this break)\n' +
        '    get post\n' +
        '      ✘ GET /posts/1: $.id: expected a number (like 1), got the string "1"\n',
    )
  })

  it('colours on a terminal, and never with NO_COLOR', () => {
    const tty = capture({ tty: true })
    tty.reporter.onContractEnd?.(entry)
    tty.reporter.flush()
    expect(tty.out.stdout).toContain('\x1b[31m')
    const noColor = capture({ tty: true, env: { NO_COLOR: '1' } })
    noColor.reporter.onContractEnd?.(entry)
    noColor.reporter.flush()
    expect(noColor.out.stdout).not.toContain('\x1b[')
  })

  it('shows progress on a terminal only once a run has taken more than a second, and clears it', () => {
    const { out, reporter, advance } = capture({ tty: true })
    reporter.onContractBegin?.(contract)
    reporter.onProbe?.(contract, entry.run.probes[0]!, 1, 40)
    expect(out.stderr).toBe('')
    advance(1500)
    reporter.onProbe?.(contract, entry.run.probes[0]!, 2, 40)
    expect(out.stderr).toContain('posts-api: 2/40 probes…')
    reporter.onContractEnd?.(entry)
    expect(out.stderr.endsWith('\r\x1b[2K')).toBe(true)
  })

  it('shows no progress off a terminal', () => {
    const { out, reporter, advance } = capture({ tty: false })
    reporter.onContractBegin?.(contract)
    advance(5000)
    reporter.onProbe?.(contract, entry.run.probes[0]!, 2, 40)
    expect(out.stderr).toBe('')
  })
})
