import { describe, expect, it } from 'vitest'
import { UpcheckError } from '../model/index.js'
import {
  decideDiffExitCode,
  decideErrorExitCode,
  decideRecordExitCode,
  decideStatusExitCode,
  decideVerifyExitCode,
} from './exit-code.js'

describe('decideVerifyExitCode', () => {
  it('puts broken before unreadable before unreachable before verified', () => {
    expect(decideVerifyExitCode(['verified', 'unreachable', 'broken'], 1)).toBe(1)
    expect(decideVerifyExitCode(['verified', 'unreachable'], 1)).toBe(2)
    expect(decideVerifyExitCode(['verified', 'unreachable'], 0)).toBe(3)
    expect(decideVerifyExitCode(['verified', 'verified'], 0)).toBe(0)
    expect(decideVerifyExitCode([], 1)).toBe(2)
  })
})

describe('decideStatusExitCode', () => {
  const rows = [
    { status: 'verified' as const, stale: true },
    { status: 'unreachable' as const, stale: false },
    { status: 'broken' as const, stale: false },
  ]

  it('ignores statuses without --fail-on, as status always has', () => {
    expect(decideStatusExitCode(0, rows)).toBe(0)
  })

  it('fails on the listed conditions only, broken before unreadable before unreachable before stale', () => {
    expect(decideStatusExitCode(1, rows, ['broken', 'stale', 'unreachable'])).toBe(1)
    expect(decideStatusExitCode(1, rows, ['stale', 'unreachable'])).toBe(2)
    expect(decideStatusExitCode(0, rows, ['stale', 'unreachable'])).toBe(3)
    expect(decideStatusExitCode(0, rows, ['stale'])).toBe(4)
    expect(decideStatusExitCode(0, rows.slice(1, 2), ['broken', 'stale'])).toBe(0)
  })
})

describe('the other commands', () => {
  it('gives diff 2 for input it could not use, else 1 only when the diff fails', () => {
    expect(
      decideDiffExitCode({ error: new UpcheckError('SPEC_UNREADABLE', 'x'), failed: false }),
    ).toBe(2)
    expect(decideDiffExitCode({ failed: true })).toBe(1)
    expect(decideDiffExitCode({ failed: false })).toBe(0)
  })

  it('gives status 2 only for unreadable contract files', () => {
    expect(decideStatusExitCode(1)).toBe(2)
    expect(decideStatusExitCode(0)).toBe(0)
  })

  it("passes a recorded program's exit code on, and 1 when a signal ended it", () => {
    expect(decideRecordExitCode({ code: 7 })).toBe(7)
    expect(decideRecordExitCode({ code: null })).toBe(1)
  })

  it('gives 2 for usage and file errors, 70 for a bug, and keeps commander 0 for --help', () => {
    expect(decideErrorExitCode(new UpcheckError('USAGE', 'x'))).toBe(2)
    expect(decideErrorExitCode(new UpcheckError('PACT_INVALID', 'x'))).toBe(2)
    expect(decideErrorExitCode(new UpcheckError('INTERNAL', 'x'))).toBe(70)
    expect(decideErrorExitCode(new TypeError('x'))).toBe(70)
    expect(decideErrorExitCode(undefined, 0)).toBe(0)
    expect(decideErrorExitCode(undefined, 1)).toBe(2)
  })
})
