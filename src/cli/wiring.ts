import { randomUUID } from 'node:crypto'
import type { Contract } from '../model/index.js'
import type { ResolvedUpstream } from '../contracts/index.js'
import { readPactFile } from '../interactions/index.js'
import { matchResponse } from '../matching/index.js'
import { createProbeClient, createScrubber, replayAllInteractions } from '../probes/index.js'
import type { Store } from '../store/index.js'
import type { ContractReplayer, VerifyDeps, VerifyReporter } from '../verify/index.js'

/**
 * The one place real implementations meet: undici for probes, the system clock, UUIDs
 * for run ids. Everything below takes them as parameters.
 */
export function createVerifyDeps(options: { store: Store; env: VerifyDeps['env']; reporter?: VerifyReporter }): VerifyDeps {
  return {
    store: options.store,
    env: options.env,
    clock: { now: () => Date.now() },
    readPact: readPactFile,
    matchResponse,
    createRunId: randomUUID,
    createReplayer: createUndiciReplayer,
    ...(options.reporter ? { reporter: options.reporter } : {}),
  }
}

function createUndiciReplayer(contract: Contract, upstream: ResolvedUpstream): ContractReplayer {
  const client = createProbeClient({ upstream, settings: contract.probe })
  return {
    replay: (interactions, onExchange) =>
      replayAllInteractions(client, interactions, onExchange ? { onExchange: (r) => onExchange(r.index, r.exchange) } : {}),
    scrub: createScrubber(upstream.secrets),
    close: () => client.close(),
  }
}
