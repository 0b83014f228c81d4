import type { AlertSettings, ContractStatus } from '../model/index.js'
import type { AlertKind, AlertState } from '../model/index.js'

/** What happened to a contract since the last decision. */
export type Observation =
  /** A run finished (ISO 8601 finish time). */
  | {
      type: 'run'
      status: ContractStatus
      finishedAt: string
      lastVerifiedAt: string | undefined
      stale: boolean
    }
  /** The periodic freshness check. */
  | { type: 'freshness'; lastVerifiedAt: string | undefined; stale: boolean }

/** One change worth telling the owner about. */
export interface AlertEvent {
  kind: Exclude<AlertKind, 'handoff'>
  /** The status announced before the change. */
  previousStatus?: ContractStatus
  /** When the status the event is about began. */
  since?: string
  /** Recovery: how long the bad spell lasted. */
  downForMs?: number
  /** Reminders and recoveries: the alert that opened the spell. */
  threadOf?: string
}

/**
 * The alert state machine. One event per change of announced status: verified → broken,
 * → unreachable only after `unreachableAfter` consecutive unreachable runs, broken or
 * unreachable → verified (recovered), fresh → stale; while broken, a reminder every
 * `remindEveryMs`. Nothing while a status holds.
 * @note A never-verified contract is not "stale": it never was fresh, and its first broken
 * or unreachable alert already says so.
 */
export function decideTransition(
  previous: AlertState | undefined,
  observation: Observation,
  settings: Pick<AlertSettings, 'unreachableAfter' | 'remindEveryMs'>,
  contract: string,
): { state: AlertState; events: AlertEvent[] } {
  const state: AlertState = previous
    ? { ...previous }
    : { contract, unreachableStreak: 0, staleAlerted: false }
  const events: AlertEvent[] = []
  const announced = state.status

  if (observation.type === 'run') {
    const { status, finishedAt } = observation
    if (status === 'unreachable') {
      state.unreachableStreak += 1
      state.unreachableSince ??= finishedAt
    } else {
      state.unreachableStreak = 0
      delete state.unreachableSince
    }
    if (status === 'broken') {
      if (announced !== 'broken') {
        events.push({
          kind: 'broken',
          ...(announced && { previousStatus: announced }),
          since: finishedAt,
        })
        Object.assign(state, { status, since: finishedAt, remindedAt: finishedAt })
      } else if (
        Date.parse(finishedAt) - Date.parse(state.remindedAt ?? state.since ?? finishedAt) >=
        settings.remindEveryMs
      ) {
        events.push({
          kind: 'reminder',
          previousStatus: announced,
          ...(state.since && { since: state.since }),
          ...(state.openedBy && { threadOf: state.openedBy }),
        })
        state.remindedAt = finishedAt
      }
    } else if (status === 'unreachable') {
      if (
        announced !== 'unreachable' &&
        state.unreachableStreak >= Math.max(1, settings.unreachableAfter)
      ) {
        const since = state.unreachableSince ?? finishedAt
        events.push({ kind: 'unreachable', ...(announced && { previousStatus: announced }), since })
        Object.assign(state, { status, since })
        delete state.remindedAt
      }
    } else if (announced === 'broken' || announced === 'unreachable') {
      const downSince = state.since ?? finishedAt
      events.push({
        kind: 'recovered',
        previousStatus: announced,
        since: downSince,
        downForMs: Math.max(0, Date.parse(finishedAt) - Date.parse(downSince)),
        ...(state.openedBy && { threadOf: state.openedBy }),
      })
      Object.assign(state, { status, since: finishedAt })
      delete state.remindedAt
      delete state.openedBy
    } else if (announced === undefined) {
      Object.assign(state, { status, since: finishedAt })
    }
  }

  if (!observation.stale) {
    state.staleAlerted = false
  } else if (!state.staleAlerted && observation.lastVerifiedAt !== undefined) {
    events.push({
      kind: 'stale',
      ...(state.status && { previousStatus: state.status }),
      since: observation.lastVerifiedAt,
    })
    state.staleAlerted = true
  }
  return { state, events }
}
