import type { RunEvidence } from './run-evidence.js'

/** The verdict of a contract: see DESIGN.md's words. */
export type ContractStatus = 'verified' | 'broken' | 'unreachable'

/** The verdict of one probe. */
export type ProbeVerdict = 'passed' | 'failed' | 'skipped' | 'unreachable'

export type FindingSource = 'probe' | 'spec'
export type Severity = 'breaking' | 'warning' | 'info'

/** One thing a run found, as `reports/latest.json` shows it. */
export interface Finding {
  source: FindingSource
  severity: Severity
  /** The interaction's description, for probe findings. */
  interaction?: string
  /** `METHOD /path/{template}`. */
  operation?: string
  /** JSON path or header name, when the finding is about one place. */
  path?: string
  expected?: string
  actual?: string
  message: string
  /** Spec findings: the stable rule id, like `response-property-removed`. */
  rule?: string
  /** Spec findings: whether the change touches what the interactions use. */
  affectsInteractions?: boolean
}

/** One probe's outcome, kept with its run. */
export interface ProbeResult {
  interaction: string
  operation: string
  verdict: ProbeVerdict
  /** Milliseconds from the first attempt's start to the verdict. */
  durationMs: number
  attempts: number
  status?: number
  findings: Finding[]
  /** Why the probe was not sent: only on `skipped` probes. */
  skipped?: ProbeSkip
}

/**
 * Why an interaction was not replayed, so no skip is silent.
 * - `unsafe-method`: POST, PUT, PATCH, DELETE or a method not known to be safe, and the
 *   contract does not set `probe.allowUnsafe`.
 * - `message-interaction`: a Pact message interaction; upcheck replays HTTP only.
 */
export interface ProbeSkip {
  code: 'unsafe-method' | 'message-interaction'
  /** One line for people, saying how to have it replayed when that is possible. */
  reason: string
}

export interface InteractionCounts {
  total: number
  passed: number
  failed: number
  skipped: number
  unreachable: number
}

/** One verification of one contract. */
export interface Run {
  id: string
  contract: string
  status: ContractStatus
  /** ISO 8601 timestamps. */
  startedAt: string
  finishedAt: string
  counts: InteractionCounts
  probes: ProbeResult[]
  /** Every finding of the run: the probes' and the spec check's. */
  findings: Finding[]
  /** The cron slot the daemon fired this run for (ISO 8601); absent for a plain `verify`. */
  slot?: string
  /** The host name of the machine that ran it. */
  host?: string
  /** The id of the process that ran it. */
  pid?: number
  /** The failing exchanges of a broken or unreachable run; absent when nothing failed. */
  evidence?: RunEvidence
}
