import { describe, expect, it } from 'vitest'
import type { ContractStatus } from '../model/index.js'
import type { AlertState } from '../model/index.js'
import { decideTransition, type AlertEvent } from './decide-transition.js'

const settings = { unreachableAfter: 3, remindEveryMs: 24 * 3_600_000 }
const hour = (h: number) => new Date(Date.UTC(2026, 10, 25, h)).toISOString()

/** Runs one an hour from hour 0, with these statuses. */
const hourly = (...statuses: ContractStatus[]): [number, ContractStatus][] =>
  statuses.map((status, h) => [h, status])

/** Feeds runs (status at hour h) through the state machine, returning every event in order. */
function replay(
  runs: [number, ContractStatus][],
  initial?: AlertState,
): { events: AlertEvent[]; state: AlertState | undefined } {
  let state = initial
  const events: AlertEvent[] = []
  let lastVerifiedAt: string | undefined
  for (const [h, status] of runs) {
    if (status === 'verified') lastVerifiedAt = hour(h)
    const next = decideTransition(
      state,
      { type: 'run', status, finishedAt: hour(h), lastVerifiedAt, stale: false },
      settings,
      'posts-api',
    )
    state = next.state
    events.push(...next.events)
  }
  return { events, state }
}

describe('decideTransition', () => {
  it('says nothing about a first verified run, nor while a status holds', () => {
    expect(replay(hourly('verified', 'verified', 'verified')).events).toEqual([])
  })

  it('raises one broken alert when a verified contract breaks, and none while it stays broken', () => {
    const { events } = replay(hourly('verified', 'broken', 'broken', 'broken'))
    expect(events).toEqual([{ kind: 'broken', previousStatus: 'verified', since: hour(1) }])
  })

  it('alerts on a contract that is broken from its very first run', () => {
    expect(replay(hourly('broken')).events).toEqual([{ kind: 'broken', since: hour(0) }])
  })

  it('reminds every remindEvery while broken, referring to the opening alert', () => {
    const opened = {
      ...replay(hourly('verified', 'broken')).state!,
      openedBy: 'alert-1',
    }
    const { events } = replay(
      [
        [12, 'broken'],
        [25, 'broken'],
        [26, 'broken'],
        [49, 'broken'],
      ],
      opened,
    )
    expect(events).toEqual([
      { kind: 'reminder', previousStatus: 'broken', since: hour(1), threadOf: 'alert-1' },
      { kind: 'reminder', previousStatus: 'broken', since: hour(1), threadOf: 'alert-1' },
    ])
  })

  it('calls a contract unreachable only after unreachableAfter consecutive unreachable runs, since the first of them', () => {
    const { events } = replay(
      hourly('verified', 'unreachable', 'unreachable', 'unreachable', 'unreachable'),
    )
    expect(events).toEqual([{ kind: 'unreachable', previousStatus: 'verified', since: hour(1) }])
  })

  it('forgets an unreachable streak that a verified run interrupts', () => {
    const { events } = replay(
      hourly('verified', 'unreachable', 'unreachable', 'verified', 'unreachable', 'unreachable'),
    )
    expect(events).toEqual([])
  })

  it('raises a recovery that says how long the contract was broken', () => {
    const opened = {
      ...replay(hourly('verified', 'broken')).state!,
      openedBy: 'alert-1',
    }
    const { events, state } = replay(
      [
        [2, 'broken'],
        [4, 'verified'],
        [5, 'verified'],
      ],
      opened,
    )
    expect(events).toEqual([
      {
        kind: 'recovered',
        previousStatus: 'broken',
        since: hour(1),
        downForMs: 3 * 3_600_000,
        threadOf: 'alert-1',
      },
    ])
    expect(state).toMatchObject({ status: 'verified', since: hour(4) })
    expect(state?.openedBy).toBeUndefined()
  })

  it('raises a recovery from an announced unreachable spell, but not from an unannounced one', () => {
    expect(
      replay([
        [0, 'verified'],
        [1, 'unreachable'],
        [2, 'unreachable'],
        [3, 'unreachable'],
        [5, 'verified'],
      ]).events.map((e) => e.kind),
    ).toEqual(['unreachable', 'recovered'])
    expect(replay(hourly('verified', 'unreachable', 'verified')).events).toEqual([])
  })

  it('goes from unreachable to broken with a broken alert', () => {
    const { events } = replay(
      hourly('verified', 'unreachable', 'unreachable', 'unreachable', 'broken'),
    )
    expect(events.map((e) => [e.kind, e.previousStatus])).toEqual([
      ['unreachable', 'verified'],
      ['broken', 'unreachable'],
    ])
  })

  it('raises stale once when a verified contract goes stale, and again only after it was fresh in between', () => {
    const fresh = replay(hourly('verified')).state
    const check = (state: AlertState | undefined, stale: boolean) =>
      decideTransition(
        state,
        { type: 'freshness', lastVerifiedAt: hour(0), stale },
        settings,
        'posts-api',
      )
    const first = check(fresh, true)
    expect(first.events).toEqual([{ kind: 'stale', previousStatus: 'verified', since: hour(0) }])
    expect(check(first.state, true).events).toEqual([])
    const refreshed = check(first.state, false)
    expect(check(refreshed.state, true).events.map((e) => e.kind)).toEqual(['stale'])
  })

  it('never calls a contract that was never verified stale', () => {
    const broken = replay(hourly('broken')).state
    expect(
      decideTransition(
        broken,
        { type: 'freshness', lastVerifiedAt: undefined, stale: true },
        settings,
        'posts-api',
      ).events,
    ).toEqual([])
  })
})
