import { MAX_FINDINGS, type HandoffFacts } from '../alerts/index.js'
import { resolveUpstream } from '../contracts/index.js'
import type { Contract, Finding, Handoff } from '../model/index.js'
import { personalKeyFileName } from '../receipts/index.js'
import { createSecretScrubber } from '../text/index.js'
import type { HandoffDeps } from './handoff-deps.js'

/** Runs shown to a new owner. */
const RECENT_RUNS = 5

const severityRank: Record<Finding['severity'], number> = { breaking: 0, warning: 1, info: 2 }

/**
 * What a new owner inherits, read from the store: status, last verified, the latest run's
 * findings, recent runs, the runbook and the commands that accept. Scrubbed again with the
 * contract's secrets, though the store's runs were scrubbed when written.
 */
export async function collectHandoffFacts(
  contract: Contract,
  handoff: Pick<Handoff, 'fromOwner' | 'toOwner' | 'startedAt'>,
  deps: Pick<HandoffDeps, 'store' | 'env'>,
): Promise<Omit<HandoffFacts, 'role'>> {
  const { store } = deps
  const [latest, lastVerifiedAt, runs, head] = await Promise.all([
    store.latestRun(contract.name),
    store.lastVerifiedAt(contract.name),
    store.listRuns(contract.name, RECENT_RUNS),
    store.receiptHead(contract.name),
  ])
  const findings = [...(latest?.findings ?? [])].sort(
    (a, b) => severityRank[a.severity] - severityRank[b.severity],
  )
  const facts: Omit<HandoffFacts, 'role'> = {
    kind: 'handoff',
    contract: contract.name,
    fromOwner: handoff.fromOwner,
    toOwner: handoff.toOwner,
    since: handoff.startedAt,
    status: latest?.status ?? 'never run',
    ...(lastVerifiedAt && { lastVerifiedAt }),
    ...(contract.runbook && { runbook: contract.runbook }),
    findings: findings.slice(0, MAX_FINDINGS),
    omittedFindings: Math.max(0, findings.length - MAX_FINDINGS),
    recentRuns: runs.map((run) => ({
      id: run.id,
      finishedAt: run.finishedAt,
      status: run.status,
      counts: run.counts,
    })),
    ...(head && { receiptHead: head }),
    acceptCommand: `upcheck owner accept ${contract.name} --key ~/.config/upcheck/keys/${personalKeyFileName(handoff.toOwner)}`,
    keyCommand: `upcheck keys create --name ${JSON.stringify(handoff.toOwner)}`,
  }
  return scrubStrings(facts, createSecretScrubber(secretsOf(contract, deps.env)).scrub)
}

/** The values the contract takes from the environment; none when some are unset (it cannot run then either). */
function secretsOf(contract: Contract, env: HandoffDeps['env']): string[] {
  try {
    return resolveUpstream(contract, env).secrets
  } catch {
    return []
  }
}

function scrubStrings<T>(value: T, scrub: (text: string) => string): T {
  if (typeof value === 'string') return scrub(value) as T
  if (Array.isArray(value)) return value.map((item) => scrubStrings(item, scrub)) as T
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, scrubStrings(item, scrub)]),
    ) as T
  return value
}
