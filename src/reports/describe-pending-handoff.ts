import type { PendingHandoff } from './latest-report.js'

/**
 * The words every report uses for a pending handoff (status table, summary.md, status page):
 * `handoff pending since 2026-11-28 08:00 UTC (from Ann Lee <ann@example.com>)`.
 */
export function describePendingHandoff(handoff: PendingHandoff): string {
  const since = `${handoff.since.slice(0, 10)} ${handoff.since.slice(11, 16)} UTC`
  return `handoff pending since ${since} (from ${handoff.from})`
}
