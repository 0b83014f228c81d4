import { resolveUpstream, type Environment } from '../contracts/index.js'
import type { Contract } from '../model/index.js'
import { createSecretScrubber } from '../text/index.js'

/**
 * The scrubber for a page that shows many contracts: every value any of them reads from the
 * environment. The store's rows were scrubbed when written; this is the last gate before a
 * page reaches disk or a browser, for text that never went through a run (a load error).
 */
export function createPageScrubber(
  contracts: readonly Contract[],
  env: Environment,
): (text: string) => string {
  const secrets: string[] = []
  for (const contract of contracts) {
    try {
      secrets.push(...resolveUpstream(contract, env).secrets)
    } catch {
      // An unset variable is that contract's own error; the ones that are set are still cut
      // out by the runs that use them.
    }
  }
  return createSecretScrubber(secrets).scrub
}
