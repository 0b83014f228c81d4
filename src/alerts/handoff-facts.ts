import type { ContractStatus, Finding, InteractionCounts } from '../model/index.js'

/** Who a handoff e-mail is for, and so what it says. */
export type HandoffRole =
  /** The new owner: what they inherit, and the command that accepts it. */
  | 'new-owner'
  /** The old owner: a confirmation that the contract is being handed over. */
  | 'old-owner'
  /** The new owner again, every `alerts.remindEvery` while they have not accepted. */
  | 'reminder'

/**
 * What a handoff e-mail says, fixed when it is queued (like {@link AlertFacts}) and built from
 * the store's scrubbed runs and scrubbed again: it never holds a secret.
 */
export interface HandoffFacts {
  kind: 'handoff'
  role: HandoffRole
  contract: string
  fromOwner: string
  toOwner: string
  /** When the handoff began: the pass that saw the new `owner:` (ISO 8601). */
  since: string
  status: ContractStatus | 'never run'
  lastVerifiedAt?: string
  runbook?: string
  /** The latest run's findings, the breaking ones first, at most `MAX_FINDINGS`. */
  findings: Finding[]
  omittedFindings: number
  /** The latest runs, newest first. */
  recentRuns: {
    id: string
    finishedAt: string
    status: ContractStatus
    counts: InteractionCounts
  }[]
  /** The newest receipt of the contract's chain: what `upcheck receipts <contract> --verify` ends at. */
  receiptHead?: { sequence: number; digest: string }
  /** The command that completes the handoff, with the key `keyCommand` writes. */
  acceptCommand: string
  /** The command that makes the new owner's personal key, when they have none yet. */
  keyCommand: string
}
