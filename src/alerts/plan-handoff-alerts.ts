import type { OutboxAlert } from '../model/index.js'
import type { HandoffFacts, HandoffRole } from './handoff-facts.js'
import type { PlanAlertsDeps } from './plan-alerts.js'
import { findAddress } from './recipients.js'

/**
 * The handoff e-mails to queue, one per role: the new owner's (and reminders) to `toOwner`,
 * the confirmation to `fromOwner`. An owner without an e-mail address, or no SMTP, gets none.
 */
export function planHandoffAlerts(
  facts: Omit<HandoffFacts, 'role'>,
  roles: readonly HandoffRole[],
  deps: PlanAlertsDeps,
): OutboxAlert[] {
  if (!deps.emailEnabled) return []
  const createdAt = new Date(deps.clock.now()).toISOString()
  return roles.flatMap((role) => {
    const to = role === 'old-owner' ? facts.fromOwner : facts.toOwner
    if (findAddress(to) === undefined) return []
    return [
      {
        id: deps.createAlertId(),
        contract: facts.contract,
        kind: 'handoff' as const,
        createdAt,
        facts: { ...facts, role } satisfies HandoffFacts,
        deliveries: [{ channel: 'email' as const, target: JSON.stringify([to.trim()]) }],
      },
    ]
  })
}
