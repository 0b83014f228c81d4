import type { HttpInteraction } from '../model/index.js'
import type { ProbeClient } from './probe-client.js'
import type { ProbeExchange } from './probe-exchange.js'

/** One interaction of a batch and what its probe saw. */
export interface ReplayedInteraction {
  /** Position in the input. */
  index: number
  interaction: HttpInteraction
  exchange: ProbeExchange
}

export interface ReplayOptions {
  /** Called as each probe finishes, in completion order: for progress output. */
  onExchange?: (replayed: ReplayedInteraction) => void
  /**
   * How far probes may run ahead of the consumer, in interactions. Bounds memory when
   * the consumer is slow (it writes to a store, say). Default `max(64, 8 × concurrency)`.
   */
  window?: number
}

/**
 * Replays interactions of one contract through its client and yields the results in input
 * order as soon as each is ready. Concurrency and rate are the client's; this keeps enough
 * probes going to use them. Stopping the iteration early stops starting new probes.
 *
 * @example
 * for await (const { interaction, exchange } of replayInteractions(client, interactions)) {
 *   store.add(judge(interaction, exchange))
 * }
 */
export async function* replayInteractions(
  client: ProbeClient,
  interactions: readonly HttpInteraction[],
  options: ReplayOptions = {},
): AsyncGenerator<ReplayedInteraction, void, undefined> {
  const total = interactions.length
  const { concurrency } = client.settings
  const window = options.window ?? Math.max(64, concurrency * 8)
  const ready: (ReplayedInteraction | undefined)[] = new Array(total)
  let nextToStart = 0
  let nextToYield = 0
  let stopped = false
  let failed = false
  let failure: unknown
  let wakeConsumer: (() => void) | null = null
  let wakeWorkers: (() => void)[] = []

  const notifyConsumer = (): void => {
    const wake = wakeConsumer
    wakeConsumer = null
    wake?.()
  }
  const notifyWorkers = (): void => {
    if (wakeWorkers.length === 0) return
    const waiting = wakeWorkers
    wakeWorkers = []
    for (const wake of waiting) wake()
  }

  const work = async (): Promise<void> => {
    while (!stopped && nextToStart < total) {
      if (nextToStart >= nextToYield + window) {
        await new Promise<void>((resolve) => wakeWorkers.push(resolve))
        continue
      }
      const index = nextToStart++
      const interaction = interactions[index] as HttpInteraction
      try {
        const replayed: ReplayedInteraction = {
          index,
          interaction,
          exchange: await client.replay(interaction),
        }
        ready[index] = replayed
        options.onExchange?.(replayed)
      } catch (error) {
        failed = true
        failure = error
        stopped = true
      }
      notifyConsumer()
    }
  }

  // @note Twice the concurrency, so a probe sleeping before a retry does not leave a slot idle.
  const workers = Math.min(total, concurrency * 2)
  for (let i = 0; i < workers; i++) void work()

  try {
    while (nextToYield < total) {
      const replayed = ready[nextToYield]
      if (replayed === undefined) {
        if (failed) throw failure
        await new Promise<void>((resolve) => (wakeConsumer = resolve))
        continue
      }
      ready[nextToYield++] = undefined
      notifyWorkers()
      yield replayed
    }
  } finally {
    stopped = true
    notifyWorkers()
  }
}

/** Replays every interaction and resolves with the exchanges in input order. */
export async function replayAllInteractions(
  client: ProbeClient,
  interactions: readonly HttpInteraction[],
  options: ReplayOptions = {},
): Promise<ProbeExchange[]> {
  const exchanges: ProbeExchange[] = []
  for await (const { exchange } of replayInteractions(client, interactions, options))
    exchanges.push(exchange)
  return exchanges
}
