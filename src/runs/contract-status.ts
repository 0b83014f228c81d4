import type { ContractStatus, Finding, InteractionCounts, ProbeResult } from '../model/index.js'

/** Counts probes by verdict. */
export function countVerdicts(probes: readonly ProbeResult[]): InteractionCounts {
  const counts: InteractionCounts = {
    total: probes.length,
    passed: 0,
    failed: 0,
    skipped: 0,
    unreachable: 0,
  }
  for (const probe of probes) counts[probe.verdict]++
  return counts
}

/**
 * A contract is broken if any probe failed or a spec change that touches its interactions
 * is breaking; else unreachable if any probe was; else verified.
 */
export function decideStatus(
  counts: InteractionCounts,
  specFindings: readonly Finding[] = [],
): ContractStatus {
  const specBreaks = specFindings.some(isSpecBreak)
  if (counts.failed > 0 || specBreaks) return 'broken'
  if (counts.unreachable > 0) return 'unreachable'
  return 'verified'
}

/** A spec finding that breaks the contract: breaking, and touching what its interactions use. */
export function isSpecBreak(finding: Finding): boolean {
  return (
    finding.source === 'spec' &&
    finding.severity === 'breaking' &&
    finding.affectsInteractions === true
  )
}
