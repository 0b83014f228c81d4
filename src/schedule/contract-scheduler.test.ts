import { describe, expect, it } from 'vitest'
import type { Contract } from '../model/index.js'
import { createContractScheduler, type SchedulerEvent } from './contract-scheduler.js'
import type { CronScheduler } from './cron-scheduler.js'

/** A cron whose slots the test fires by hand. */
function manualCron() {
  const armed = new Map<string, { expression: string; onFire(slot: Date): void }>()
  const cron: CronScheduler = {
    schedule(expression, name, handlers) {
      armed.set(name, { expression, onFire: handlers.onFire })
      return { stop: () => armed.delete(name) }
    },
  }
  return { cron, armed, fire: (name: string) => armed.get(name)?.onFire(new Date(0)) }
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
})
