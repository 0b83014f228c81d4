import type { ClaimOutcome, Clock, SlotStatus } from '../model/index.js'
import type { Contract } from '../model/index.js'
import type { CronScheduler, CronTask } from './cron-scheduler.js'

/** What the scheduler did, for the log, the metrics and tests. */
export type SchedulerEvent =
  /** A cron slot came; `lateMs` is how long after the slot the run was queued. */
  | { type: 'fired'; contract: string; slot: Date; lateMs: number }
  /**
   * A slot came while the contract's previous run was still going: no second run is started.
   * `elsewhere`: that run is another worker's.
   */
  | { type: 'skipped'; contract: string; slot: Date; elsewhere?: boolean }
  /** Another worker claimed this slot: it runs there. */
  | { type: 'taken'; contract: string; slot: Date }
  /** The slot could not be claimed (the store stayed unreachable): no worker may run it. */
  | { type: 'claim-failed'; contract: string; slot: Date; error: unknown }
  /** A slot passed without firing (the process was stalled). */
  | { type: 'missed'; contract: string; slot: Date }
  /** `lateMs`: from the slot to the run's start, including any wait for a free run slot. */
  | { type: 'started'; contract: string; lateMs: number }
  | { type: 'finished'; contract: string; durationMs: number }
  | { type: 'failed'; contract: string; error: unknown }

/** Where workers sharing a store claim slots (see `FleetStore`); absent, every slot is this process's. */
export interface SlotClaims {
  claim(task: string, slot: Date): Promise<ClaimOutcome>
  /** Ends a claimed slot; never rejects (a claim left running is abandoned when its lease ends). */
  finish(
    task: string,
    slot: Date,
    end: { status: Extract<SlotStatus, 'finished' | 'failed'>; runId?: string },
  ): Promise<void>
}

export interface ContractSchedulerDeps {
  cron: CronScheduler
  clock: Clock
  /**
   * One run of a contract, for the slot it fired for, resolving with the id of the run it
   * stored (none: it could not run). Never called twice at once for one contract.
   */
  runContract(contract: Contract, slot: Date): Promise<{ runId?: string } | void>
  /** Claims each slot before it runs, so several workers run it once. */
  claims?: SlotClaims
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
 * With `claims`, each slot is claimed first (through the cron's `claim` hook, node-cron's
 * distributed mode) and runs only here when this worker won it.
 */
export function createContractScheduler(deps: ContractSchedulerDeps): ContractScheduler {
  const emit = (event: SchedulerEvent) => deps.onEvent?.(event)
  const tasks = new Map<string, { expression: string; task: CronTask }>()
  const current = new Map<string, Contract>()
  const busy = new Set<string>()
  const queue: { contract: string; slot: Date }[] = []
  const idleWaiters: (() => void)[] = []
  const maxParallel = Math.max(1, deps.maxParallelRuns ?? 64)
  /** Contracts whose slot this worker just claimed, waiting for the cron to fire it. */
  const claimed = new Map<string, number>()
  let running = 0
  let stopped = false

  /** Claims still waiting for the store's answer; `stop()` waits for them as for runs. */
  let claiming = 0
  /** Contracts whose run ended and whose claim is being ended in the store. */
  const finishing = new Set<string>()
  const settledWaiters = new Map<string, (() => void)[]>()
  const onSettled = (name: string, wake: () => void) =>
    settledWaiters.set(name, [...(settledWaiters.get(name) ?? []), wake])

  /**
   * Asks the store for the slot: `true` lets the cron fire it here. A contract running here
   * is still asked about, so that the skipped slot is recorded where every worker sees it.
   * @note A slot is asked about even while this worker's claim of the previous one is still
   * waiting (a slow or restarting store): the store, not this process, decides who runs it.
   */
  async function claim(name: string, slot: Date): Promise<boolean> {
    if (stopped) return false
    claiming++
    let outcome: ClaimOutcome | undefined
    try {
      outcome = await deps.claims!.claim(name, slot)
    } catch (error) {
      emit({ type: 'claim-failed', contract: name, slot, error })
    }
    claiming--
    if (outcome === undefined) {
      wakeIfIdle()
      return false
    }
    if (outcome === 'claimed') {
      // The run before it has ended its claim in the store and is about to settle here.
      if (finishing.has(name)) await new Promise<void>((resolve) => onSettled(name, resolve))
      if (!busy.has(name) && !stopped) {
        busy.add(name)
        claimed.set(name, slot.getTime())
        return true
      }
      // Won, but this worker cannot run it (its previous run goes on past its lease, or it is
      // stopping): ended at once so the lease is free for the next slot.
      await deps.claims!.finish(name, slot, { status: 'failed' })
      outcome = 'busy'
    }
    wakeIfIdle()
    if (outcome === 'busy')
      emit({ type: 'skipped', contract: name, slot, ...(!busy.has(name) && { elsewhere: true }) })
    if (outcome === 'taken') emit({ type: 'taken', contract: name, slot })
    return false
  }

  function fire(name: string, slot: Date) {
    const ours = claimed.get(name) === slot.getTime()
    if (ours) claimed.delete(name)
    if (stopped) {
      // A claim left running here is abandoned when the worker stops.
      if (ours) settle(name)
      return
    }
    if (!ours) {
      if (busy.has(name)) {
        emit({ type: 'skipped', contract: name, slot })
        return
      }
      busy.add(name)
    }
    const now = deps.clock.now()
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
        void deps.claims?.finish(name, slot, { status: 'failed' })
        settle(name)
        continue
      }
      running++
      const started = deps.clock.now()
      emit({ type: 'started', contract: name, lateMs: Math.max(0, started - slot.getTime()) })
      deps
        .runContract(contract, slot)
        .then(
          async (result) => {
            emit({ type: 'finished', contract: name, durationMs: deps.clock.now() - started })
            const runId = result ? result.runId : undefined
            finishing.add(name)
            await deps.claims?.finish(name, slot, {
              status: runId === undefined ? 'failed' : 'finished',
              ...(runId !== undefined && { runId }),
            })
          },
          async (error: unknown) => {
            emit({ type: 'failed', contract: name, error })
            finishing.add(name)
            await deps.claims?.finish(name, slot, { status: 'failed' })
          },
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
    finishing.delete(name)
    for (const wake of settledWaiters.get(name) ?? []) wake()
    settledWaiters.delete(name)
    wakeIfIdle()
  }

  function wakeIfIdle() {
    if (busy.size === 0 && claiming === 0) for (const wake of idleWaiters.splice(0)) wake()
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
          ...(deps.claims && { claim: (slot: Date) => claim(name, slot) }),
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
      if (busy.size === 0 && claiming === 0) return Promise.resolve(true)
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
