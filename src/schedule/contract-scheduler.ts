import type { Clock } from '../model/index.js'
import type { Contract } from '../model/index.js'
import type { CronScheduler, CronTask } from './cron-scheduler.js'

/** What the scheduler did, for the log, the metrics and tests. */
export type SchedulerEvent =
  /** A cron slot came; `lateMs` is how long after the slot the run was queued. */
  | { type: 'fired'; contract: string; slot: Date; lateMs: number }
  /** A slot came while the contract's previous run was still going: no second run is started. */
  | { type: 'skipped'; contract: string; slot: Date }
  /** A slot passed without firing (the process was stalled). */
  | { type: 'missed'; contract: string; slot: Date }
  /** `lateMs`: from the slot to the run's start, including any wait for a free run slot. */
  | { type: 'started'; contract: string; lateMs: number }
  | { type: 'finished'; contract: string; durationMs: number }
  | { type: 'failed'; contract: string; error: unknown }

export interface ContractSchedulerDeps {
  cron: CronScheduler
  clock: Clock
  /** One run of a contract, for the cron slot that fired it. Never called twice at once for one contract. */
  runContract(contract: Contract, slot: Date): Promise<void>
  onEvent?(event: SchedulerEvent): void
  /** Runs in flight across all contracts; the rest wait their turn. Default 64. */
  maxParallelRuns?: number
}

export interface ContractScheduler {
  /**
   * Schedules exactly these contracts: new ones are armed, removed ones disarmed, a changed
   * cron re-armed. A run fires with the latest version of its contract.
   */
  update(contracts: readonly Contract[]): void
  /** Stops firing. Runs already going (or waiting their turn) carry on. */
  stop(): void
  /** Resolves `true` once no run is in flight, or `false` after `timeoutMs`. */
  waitForIdle(timeoutMs: number): Promise<boolean>
  /** Contracts with a run in flight or waiting its turn. */
  busy(): string[]
}

/**
 * Runs each contract on its cron: never two runs of one contract at once (a slot that
 * comes during a run is skipped, not queued), and at most `maxParallelRuns` runs in all.
 */
export function createContractScheduler(deps: ContractSchedulerDeps): ContractScheduler {
  const emit = (event: SchedulerEvent) => deps.onEvent?.(event)
  const tasks = new Map<string, { expression: string; task: CronTask }>()
  const current = new Map<string, Contract>()
  const busy = new Set<string>()
  const queue: { contract: string; slot: Date }[] = []
  const idleWaiters: (() => void)[] = []
  const maxParallel = Math.max(1, deps.maxParallelRuns ?? 64)
  let running = 0
  let stopped = false

  function fire(name: string, slot: Date) {
    if (stopped) return
    if (busy.has(name)) {
      emit({ type: 'skipped', contract: name, slot })
      return
    }
    const now = deps.clock.now()
    busy.add(name)
    emit({ type: 'fired', contract: name, slot, lateMs: Math.max(0, now - slot.getTime()) })
    queue.push({ contract: name, slot })
    // Deferred so that many contracts firing on the same second all get their timer on time.
    setImmediate(drain)
  }

  function drain() {
    while (running < maxParallel && queue.length > 0) {
      const { contract: name, slot } = queue.shift()!
      const contract = current.get(name)
      if (!contract) {
        settle(name)
        continue
      }
      running++
      const started = deps.clock.now()
      emit({ type: 'started', contract: name, lateMs: Math.max(0, started - slot.getTime()) })
      deps
        .runContract(contract, slot)
        .then(
          () => emit({ type: 'finished', contract: name, durationMs: deps.clock.now() - started }),
          (error: unknown) => emit({ type: 'failed', contract: name, error }),
        )
        .finally(() => {
          running--
          settle(name)
          drain()
        })
    }
  }

  function settle(name: string) {
    busy.delete(name)
    if (busy.size === 0) for (const wake of idleWaiters.splice(0)) wake()
  }

  return {
    update(contracts) {
      const next = new Map(
        contracts.filter((c) => c.schedule !== undefined).map((c) => [c.name, c]),
      )
      for (const [name, entry] of tasks) {
        if (next.get(name)?.schedule !== entry.expression) {
          entry.task.stop()
          tasks.delete(name)
        }
      }
      current.clear()
      for (const [name, contract] of next) {
        current.set(name, contract)
        if (stopped || tasks.has(name)) continue
        const task = deps.cron.schedule(contract.schedule!, name, {
          onFire: (slot) => fire(name, slot),
          onMissed: (slot) => emit({ type: 'missed', contract: name, slot }),
        })
        tasks.set(name, { expression: contract.schedule!, task })
      }
    },
    stop() {
      stopped = true
      for (const { task } of tasks.values()) task.stop()
      tasks.clear()
    },
    waitForIdle(timeoutMs) {
      if (busy.size === 0) return Promise.resolve(true)
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs)
        idleWaiters.push(() => {
          clearTimeout(timer)
          resolve(true)
        })
      })
    },
    busy: () => [...busy],
  }
}
