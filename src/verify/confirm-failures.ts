import type { HttpInteraction } from '../model/index.js'
import type { ProbeExchange, Sleep } from '../probes/index.js'
import type { RunDeps } from '../runs/index.js'

export interface ConfirmOptions {
  /** Re-probes of a failed probe before the failure counts (`probe.confirm`). 0 turns confirmation off. */
  confirm: number
  /** The wait before re-probing, so a blip (a deploy mid-switch, a cache warming) has passed. */
  delayMs: number
  sleep: Sleep
  /** Whether an exchange is a failed probe (judged as the run will judge it). */
  fails(interaction: HttpInteraction, exchange: ProbeExchange): boolean
}

/**
 * Wraps a replay so that a failed probe is re-probed, after a short delay, up to `confirm`
 * times; it counts as failed only if it fails every time, and the last exchange stands.
 * One flaky response then never pages anyone.
 */
export function confirmFailures(
  replay: RunDeps['replay'],
  options: ConfirmOptions,
): RunDeps['replay'] {
  if (options.confirm <= 0) return replay
  return async (interactions, onExchange) => {
    // Only the failed exchanges are held back: at 10,000 interactions, keeping every
    // exchange (bodies included) until the end was most of a run's memory.
    const held = new Map<number, ProbeExchange>()
    await replay(interactions, (index, exchange) => {
      if (options.fails(interactions[index]!, exchange)) held.set(index, exchange)
      else onExchange?.(index, exchange)
    })
    let suspects = [...held.keys()].sort((a, b) => a - b)
    for (let round = 0; round < options.confirm && suspects.length > 0; round++) {
      await options.sleep(options.delayMs)
      const stillFailing = new Set<number>()
      await replay(
        suspects.map((index) => interactions[index]!),
        (k, exchange) => {
          const index = suspects[k]!
          held.set(index, exchange)
          if (options.fails(interactions[index]!, exchange)) stillFailing.add(index)
        },
      )
      suspects = suspects.filter((index) => stillFailing.has(index))
    }
    for (const [index, exchange] of held) onExchange?.(index, exchange)
  }
}
