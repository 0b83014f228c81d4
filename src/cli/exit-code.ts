import type { ContractStatus } from '../model/index.js'

/** Exit codes of `upcheck verify`, as DESIGN.md promises them. */
export const EXIT = { ok: 0, broken: 1, usage: 2, unreachable: 3 } as const

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
