import type { ContractStatus, Finding, InteractionCounts } from '../model/index.js'
import type { AlertKind } from '../model/index.js'

/**
 * What an alert says, fixed when the alert is raised and kept in the outbox, so a message
 * sent an hour late (SMTP was down) still tells what was true then. E-mail and webhook are
 * rendered from it. Built from scrubbed runs: it never holds a secret.
 */
export interface AlertFacts {
  kind: Exclude<AlertKind, 'handoff'>
  contract: string
  owner: string
  runbook?: string
  /** The contract's status now. */
  status: ContractStatus
  /** The status announced before this change; absent for the first status a contract has. */
  previousStatus?: ContractStatus
  /**
   * When the current status began (ISO 8601). For a recovery: when the broken or unreachable
   * spell began.
   */
  since?: string
  /** The finish time of the latest verified run, if any. */
  lastVerifiedAt?: string
  /** Recovery: how long the contract was broken or unreachable, in ms. */
  downForMs?: number
  /** Sunset: the notice period as a duration, like `30 days`. */
  sunsetNotice?: string
  /** Stale: the freshness window as written, like `24h`. */
  freshness?: string
  /** The run that raised the alert; absent for a freshness check. */
  run?: { id: string; startedAt: string; finishedAt: string; counts: InteractionCounts }
  /** The probes' findings, the breaking ones first, at most {@link MAX_FINDINGS}. */
  findings: Finding[]
  /** Findings left out of `findings` to keep the message readable. */
  omittedFindings: number
  /** The spec changes that affect the interactions. */
  specChanges: Finding[]
  /** The operations with a breaking finding or change, like `GET /posts/{id}`. */
  operations: string[]
  /** The command that runs the check again. */
  rerunCommand: string
  /** The command that pins the upstream's current spec, when a spec change is part of the story. */
  baselineCommand?: string
  /** Sunset: the operations whose announced sunset is within `alerts.sunsetNotice`. */
  sunsets?: SunsetNotice[]
  /** The alert that announced the status a reminder or recovery is about, for threading. */
  threadOf?: string
}

/** An operation the upstream will switch off, and the interactions that use it. */
export interface SunsetNotice {
  operation: string
  /** ISO 8601. */
  date: string
  interactions: string[]
  /** The message of the finding that told it, with the link when one was sent. */
  message: string
}

/** Findings carried by one alert; the rest are counted. */
export const MAX_FINDINGS = 25
