import { describe, expect, it } from 'vitest'
import type { ClaimOutcome, Contract } from '../model/index.js'
import {
  createContractScheduler,
  type SchedulerEvent,
  type SlotClaims,
} from './contract-scheduler.js'
import type { CronScheduler } from './cron-scheduler.js'

/** A cron whose slots the test fires by hand; like node-cron's distributed mode, a slot with a `claim` hook fires only when claimed. */
function manualCron() {
  const armed = new Map<
    string,
    { expression: string; onFire(slot: Date): void; claim?(slot: Date): Promise<boolean> }
  >()
  const cron: CronScheduler = {
    schedule(expression, name, handlers) {
      armed.set(name, { expression, ...handlers })
      return { stop: () => armed.delete(name) }
    },
  }
  const fireAt = async (name: string, slot: Date) => {
    const entry = armed.get(name)
    if (!entry) return
    if (!entry.claim || (await entry.claim(slot))) entry.onFire(slot)
  }
  return { cron, armed, fire: (name: string) => void fireAt(name, new Date(0)), fireAt }
}

const contract = (name: string, schedule?: string) =>
  ({ name, ...(schedule && { schedule }) }) as Contract

/** A run the test finishes by hand. */
function controllableRuns() {
  const pending = new Map<string, () => void>()
  const started: string[] = []
  return {
    started,
    run: (c: Contract) =>
      new Promise<void>((resolve) => {
        started.push(c.name)
        pending.set(c.name, resolve)
      }),
    finish: (name: string) => pending.get(name)?.(),
  }
}

/** A scheduler on `cron` whose clock stands still at 0. */
function schedulerOn(
  cron: CronScheduler,
  options: Omit<Parameters<typeof createContractScheduler>[0], 'cron' | 'clock'>,
) {
  return createContractScheduler({ cron, clock: { now: () => 0 }, ...options })
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('createContractScheduler', () => {
  it('skips a slot that comes while the contract is still running, and runs the next one after', async () => {
    const { cron, fire } = manualCron()
    const runs = controllableRuns()
    const events: SchedulerEvent['type'][] = []
    const scheduler = schedulerOn(cron, {
      runContract: runs.run,
      onEvent: (e) => events.push(e.type),
    })
    scheduler.update([contract('a', '* * * * *')])
    fire('a')
    await tick()
    fire('a')
    runs.finish('a')
    await scheduler.waitForIdle(1000)
    fire('a')
    await tick()
    expect(runs.started).toEqual(['a', 'a'])
    expect(events).toEqual(['fired', 'started', 'skipped', 'finished', 'fired', 'started'])
  })

  it('holds runs beyond maxParallelRuns until one finishes', async () => {
    const { cron, fire } = manualCron()
    const runs = controllableRuns()
    const scheduler = schedulerOn(cron, {
      runContract: runs.run,
      maxParallelRuns: 2,
    })
    scheduler.update(['a', 'b', 'c'].map((n) => contract(n, '* * * * *')))
    for (const name of ['a', 'b', 'c']) fire(name)
    await tick()
    expect(runs.started).toEqual(['a', 'b'])
    runs.finish('a')
    await tick()
    await tick()
    expect(runs.started).toEqual(['a', 'b', 'c'])
    expect(scheduler.busy().sort()).toEqual(['b', 'c'])
  })

  it('arms only scheduled contracts, re-arms a changed cron and disarms removed contracts', () => {
    const { cron, armed } = manualCron()
    const scheduler = schedulerOn(cron, {
      runContract: async () => {},
    })
    scheduler.update([contract('a', '*/5 * * * *'), contract('b')])
    expect([...armed.keys()]).toEqual(['a'])
    scheduler.update([contract('a', '*/10 * * * *'), contract('c', '* * * * *')])
    expect(Object.fromEntries([...armed].map(([name, entry]) => [name, entry.expression]))).toEqual(
      { a: '*/10 * * * *', c: '* * * * *' },
    )
    scheduler.stop()
    expect(armed.size).toBe(0)
  })

  it('reports idle only once the last run finished, or gives up after the timeout', async () => {
    const { cron, fire } = manualCron()
    const runs = controllableRuns()
    const scheduler = schedulerOn(cron, {
      runContract: runs.run,
    })
    scheduler.update([contract('a', '* * * * *')])
    fire('a')
    await tick()
    scheduler.stop()
    expect(await scheduler.waitForIdle(10)).toBe(false)
    const idle = scheduler.waitForIdle(10_000)
    runs.finish('a')
    expect(await idle).toBe(true)
  })

  it('with claims, runs only the slots this worker wins and ends each claim with its run', async () => {
    const { cron, fireAt } = manualCron()
    const outcomes = new Map<number, ClaimOutcome>([
      [1, 'claimed'],
      [2, 'taken'],
      [3, 'busy'],
      [4, 'claimed'],
    ])
    const ended: unknown[] = []
    const claims: SlotClaims = {
      claim: async (_task, slot) => outcomes.get(slot.getTime())!,
      finish: async (task, slot, end) => void ended.push([task, slot.getTime(), end]),
    }
    const events: string[] = []
    const scheduler = schedulerOn(cron, {
      claims,
      runContract: async (_c, slot) => (slot.getTime() === 1 ? { runId: 'r1' } : {}),
      onEvent: (e) => events.push(e.type),
    })
    scheduler.update([contract('a', '* * * * *')])
    for (const t of [1, 2, 3, 4]) {
      await fireAt('a', new Date(t))
      await scheduler.waitForIdle(1000)
    }
    expect(events.filter((e) => e === 'started')).toHaveLength(2)
    expect(events).toContain('taken')
    expect(events).toContain('skipped')
    await tick()
    expect(ended).toEqual([
      ['a', 1, { status: 'finished', runId: 'r1' }],
      ['a', 4, { status: 'failed' }],
    ])
  })

  it('with claims, asks about a slot of a contract running here, yet never starts a second run', async () => {
    const { cron, fireAt } = manualCron()
    const runs = controllableRuns()
    const asked: number[] = []
    const ended: unknown[] = []
    const scheduler = schedulerOn(cron, {
      claims: {
        // A store that answers `claimed` every time: this worker's lease ran out mid-run.
        claim: async (_t, slot) => (asked.push(slot.getTime()), 'claimed'),
        finish: async (_t, slot, end) => void ended.push([slot.getTime(), end.status]),
      },
      runContract: runs.run,
    })
    scheduler.update([contract('a', '* * * * *')])
    await fireAt('a', new Date(1))
    await tick()
    await fireAt('a', new Date(2))
    expect(asked).toEqual([1, 2])
    expect(runs.started).toEqual(['a'])
    expect(ended).toEqual([[2, 'failed']])
  })
})
