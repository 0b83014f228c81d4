import type { ContractStatus, Finding, InteractionCounts } from '../model/index.js'
import { isSpecBreak } from '../runs/index.js'

/**
 * The counts of one run as its headline says them, e.g. `2/3 passed, 1 skipped, 1 spec break`:
 * spec-check breaks are counted too, so a broken line never shows only passes.
 */
export function describeCounts(counts: InteractionCounts, findings: readonly Finding[]): string {
  const specBreaks = findings.filter(isSpecBreak).length
  return [
    `${counts.passed}/${counts.total} passed`,
    counts.failed && `${counts.failed} failed`,
    counts.unreachable && `${counts.unreachable} unreachable`,
    counts.skipped && `${counts.skipped} skipped`,
    specBreaks && `${specBreaks} spec break${specBreaks === 1 ? '' : 's'}`,
  ]
    .filter(Boolean)
    .join(', ')
}

/**
 * "last verified …" for a contract's line; on a broken one it adds `(before this break)`, so
 * nobody reads the time as the broken run's.
 * @param when how to show the time, like `3 hours ago (2026-…)`
 */
export function describeLastVerified(status: ContractStatus, when: string | undefined): string {
  if (when === undefined) return 'never verified'
  return `last verified ${when}${status === 'broken' ? ' (before this break)' : ''}`
}
