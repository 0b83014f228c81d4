import type { Interaction, ProbeSettings } from '../model/index.js'
import { isHttpInteraction } from '../model/index.js'
import { isSafeMethod } from '../probes/is-safe-method.js'

/**
 * Why a run of these interactions checks nothing, and what to change: every interaction is
 * one a probe skips (a write without `probe.allowUnsafe`, a message interaction) or there
 * is none, and the spec check is missing (`none`) or could not read the live spec
 * (`unreadable`). Undefined when at least one interaction is replayed. Such a run must
 * never count as verified: it would be, whatever the upstream does.
 *
 * @example
 * explainNothingToCheck(pact.interactions, { allowUnsafe: false }, 'none')
 * // 'all 2 interactions are skipped: 1 POST without probe.allowUnsafe, 1 message
 * // interaction (only HTTP is replayed). There is no spec check either. To check …'
 */
export function explainNothingToCheck(
  interactions: readonly Interaction[],
  settings: Pick<ProbeSettings, 'allowUnsafe'>,
  spec: 'none' | 'unreadable',
): string | undefined {
  const unsafe = new Map<string, number>()
  let messages = 0
  for (const interaction of interactions) {
    if (!isHttpInteraction(interaction)) {
      messages++
      continue
    }
    const method = interaction.request.method.toUpperCase()
    if (settings.allowUnsafe || isSafeMethod(method)) return undefined
    unsafe.set(method, (unsafe.get(method) ?? 0) + 1)
  }
  const probe =
    unsafe.size > 0
      ? 'record a GET, or set probe.allowUnsafe: true if replaying these requests against the live upstream is safe'
      : 'record interactions (upcheck record or upcheck import)'
  const specPart =
    spec === 'none'
      ? `There is no spec check either. To check something, ${probe}, or add upstream.spec and a baseline.`
      : `The live spec could not be read either (see the spec finding); the spec check counts again once it can be. To probe as well, ${probe}.`
  if (interactions.length === 0) return `the Pact file has no interactions. ${specPart}`
  const reasons = [...unsafe].map(
    ([method, count]) => `${count} ${method} without probe.allowUnsafe`,
  )
  if (messages > 0)
    reasons.push(
      `${messages} message interaction${messages === 1 ? '' : 's'} (only HTTP is replayed)`,
    )
  const all =
    interactions.length === 1
      ? 'the only interaction is'
      : `all ${interactions.length} interactions are`
  return `${all} skipped: ${reasons.join(', ')}. ${specPart}`
}
