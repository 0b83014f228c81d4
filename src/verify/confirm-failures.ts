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
export function confirmFailures(replay: RunDeps['replay'], options: ConfirmOptions): RunDeps['replay'] {
  if (options.confirm <= 0) return replay
  return async (interactions, onExchange) => {
    const held = new Set<number>()
    const exchanges = await replay(interactions, (index, exchange) => {
      if (options.fails(interactions[index]!, exchange)) held.add(index)
      else onExchange?.(index, exchange)
    })
    let suspects = [...held].sort((a, b) => a - b)
    for (let round = 0; round < options.confirm && suspects.length > 0; round++) {
      await options.sleep(options.delayMs)
      const again = await replay(suspects.map((index) => interactions[index]!))
      suspects = suspects.filter((index, k) => {
        exchanges[index] = again[k]!
        return options.fails(interactions[index]!, again[k]!)
      })
    }
    for (const index of held) onExchange?.(index, exchanges[index]!)
    return exchanges
  }
}
