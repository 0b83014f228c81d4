import type { ContractStatus } from '../model/index.js'
import { UpcheckError } from '../model/index.js'

/**
 * Every exit code upcheck ends with. 0–3 are `verify`'s, as DESIGN.md promises them; 4 is
 * `status --fail-on stale`'s; 70 is sysexits' EX_SOFTWARE, for a bug in upcheck itself,
 * distinct from every verdict.
 */
export const EXIT = { ok: 0, broken: 1, usage: 2, unreachable: 3, stale: 4, internal: 70 } as const

/**
 * The first that applies: 1 when a contract is broken, 2 when a contract, Pact or spec
 * file could not be read, 3 when a contract is unreachable, else 0.
 */
export function decideVerifyExitCode(
  statuses: readonly ContractStatus[],
  unreadable: number,
): number {
  if (statuses.includes('broken')) return EXIT.broken
  if (unreadable > 0) return EXIT.usage
  if (statuses.includes('unreachable')) return EXIT.unreachable
  return EXIT.ok
}

/** `upcheck diff`: 2 when a document (or a flag) could not be used, 1 at or above `--fail-on`. */
export function decideDiffExitCode(outcome: { error?: unknown; failed?: boolean }): number {
  if (outcome.error !== undefined) return EXIT.usage
  return outcome.failed ? EXIT.broken : EXIT.ok
}

/** What `upcheck status --fail-on` may fail on. */
export const STATUS_FAIL_CONDITIONS = ['broken', 'stale', 'unreachable'] as const
export type StatusFailCondition = (typeof STATUS_FAIL_CONDITIONS)[number]

/**
 * `upcheck status`: 2 when a contract file could not be read; with `--fail-on`, for a cron
 * check, the first listed condition that holds, in verify's order: 1 broken, 3 unreachable,
 * then 4 stale; else 0. Without `--fail-on` statuses never count.
 */
export function decideStatusExitCode(
  unreadable: number,
  rows: readonly { status: ContractStatus | 'never run'; stale: boolean }[] = [],
  failOn: readonly StatusFailCondition[] = [],
): number {
  const holds = (condition: StatusFailCondition) =>
    failOn.includes(condition) &&
    rows.some((r) => (condition === 'stale' ? r.stale : r.status === condition))
  if (holds('broken')) return EXIT.broken
  if (unreadable > 0) return EXIT.usage
  if (holds('unreachable')) return EXIT.unreachable
  if (holds('stale')) return EXIT.stale
  return EXIT.ok
}

/** `upcheck validate`: 2 when any contract, Pact file or baseline has a problem, else 0. */
export function decideValidateExitCode(problems: number): number {
  return problems > 0 ? EXIT.usage : EXIT.ok
}

/**
 * `upcheck record -- <cmd>`: the recorded program's own exit code, so a script sees its
 * failure; 1 when a signal ended it (it has no code).
 */
export function decideRecordExitCode(program: { code: number | null }): number {
  return program.code ?? 1
}

/**
 * An error that ended a command: a usage or file error is 2, `owner accept` refused to someone
 * other than the new owner is 1, a bug is {@link EXIT.internal}.
 * `commanderExitCode` is commander's own for `--help`/`--version` (0) and bad arguments.
 */
export function decideErrorExitCode(error: unknown, commanderExitCode?: number): number {
  if (commanderExitCode !== undefined) return commanderExitCode === 0 ? EXIT.ok : EXIT.usage
  if (error instanceof UpcheckError) {
    if (error.code === 'INTERNAL') return EXIT.internal
    // A refused handoff is a verdict on who asked, like a broken contract: not a usage mistake.
    return error.code === 'HANDOFF_REFUSED' ? EXIT.broken : EXIT.usage
  }
  return EXIT.internal
}

/**
 * `upcheck receipts --verify` and `receipts verify DIR`: 1 when any receipt does not hold (bad
 * signature, unknown key, broken link, missing receipt), the same as a broken contract.
 */
export function decideReceiptsExitCode(verdicts: readonly { firstBad?: unknown }[]): number {
  return verdicts.some((v) => v.firstBad !== undefined) ? EXIT.broken : EXIT.ok
}

/**
 * `upcheck history --run`: 1 when the run's stored evidence is not what its receipt signed
 * (the store was changed after the run), the same as a receipt that does not verify.
 */
export function decideHistoryExitCode(evidenceIntact: boolean): number {
  return evidenceIntact ? EXIT.ok : EXIT.broken
}
