import { planHandoffAlerts } from '../alerts/index.js'
import type { Contract } from '../model/index.js'
import { collectHandoffFacts } from './collect-handoff-facts.js'
import type { HandoffDeps } from './handoff-deps.js'

/**
 * Reminds the new owner of every pending handoff not accepted within its contract's
 * `alerts.remindEvery` since it began or was last reminded. Each reminder is marked with its
 * e-mail in one transaction, once, however many workers look. @returns the contracts reminded.
 */
export async function remindPendingHandoffs(
  contracts: readonly Contract[],
  deps: HandoffDeps,
): Promise<string[]> {
  const plan = deps.alerts
  if (!plan) return []
  const byName = new Map(contracts.map((c) => [c.name, c]))
  const now = deps.clock.now()
  const reminded: string[] = []
  for (const handoff of await deps.store.listPendingHandoffs()) {
    const contract = byName.get(handoff.contract)
    if (!contract) continue
    const last = handoff.remindedAt ?? handoff.startedAt
    if (now - Date.parse(last) < contract.alerts.remindEveryMs) continue
    const facts = await collectHandoffFacts(contract, handoff, deps)
    const alerts = planHandoffAlerts(facts, ['reminder'], plan)
    const at = new Date(now).toISOString()
    if (await deps.store.markHandoffReminded(contract.name, at, { after: last, alerts }))
      reminded.push(contract.name)
  }
  return reminded
}
