import type { Interaction, ProbeSettings } from '../model/index.js'
import { isHttpInteraction } from '../model/index.js'
import { isSafeMethod } from '../probes/is-safe-method.js'

/** Whether `verify` replays an interaction and, when it does not, why and how to change it. */
export type ReplayDecision = { replayed: true } | { replayed: false; reason: string }

/**
 * The rule that decides which interactions a run probes, for listing them: HTTP only, and a
 * write only with `probe.allowUnsafe`.
 */
export function describeReplay(
  interaction: Interaction,
  settings: Pick<ProbeSettings, 'allowUnsafe'>,
): ReplayDecision {
  if (!isHttpInteraction(interaction))
    return { replayed: false, reason: 'message interaction: only HTTP is replayed' }
  const method = interaction.request.method.toUpperCase()
  if (!settings.allowUnsafe && !isSafeMethod(method))
    return {
      replayed: false,
      reason: `${method} is not replayed without probe.allowUnsafe: true (set it if replaying it against the live upstream is safe)`,
    }
  return { replayed: true }
}
