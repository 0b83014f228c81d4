import { describe, expect, it } from 'vitest'
import { decideVerifyExitCode } from './exit-code.js'

describe('decideVerifyExitCode', () => {
  it('puts broken before unreadable before unreachable before verified', () => {
    expect(decideVerifyExitCode(['verified', 'unreachable', 'broken'], 1)).toBe(1)
    expect(decideVerifyExitCode(['verified', 'unreachable'], 1)).toBe(2)
    expect(decideVerifyExitCode(['verified', 'unreachable'], 0)).toBe(3)
    expect(decideVerifyExitCode(['verified', 'verified'], 0)).toBe(0)
    expect(decideVerifyExitCode([], 1)).toBe(2)
  })
})
