import cron from 'node-cron'
import type { CronScheduler } from './cron-scheduler.js'

export interface NodeCronSchedulerOptions {
  /** Where node-cron's own warnings go. Default: nowhere (the daemon reports misses itself). */
  warn?(message: string): void
  /**
   * How late a fire may be and still happen. Default 30 s: a run that starts late beats a
   * run that is skipped (node-cron's default is 1 s).
   */
  missedToleranceMs?: number
}

/**
 * A {@link CronScheduler} on node-cron: one task per expression, destroyed when stopped.
 * A `claim` handler is node-cron's distributed mode: the task's own run coordinator (never
 * the process-wide one) answers node-cron's "should this instance run this slot?".
 */
export function createNodeCronScheduler(options: NodeCronSchedulerOptions = {}): CronScheduler {
  const warn = options.warn ?? (() => {})
  const logger = {
    info: () => {},
    debug: () => {},
    warn,
    error: (message: string | Error) => warn(String(message)),
  }
  return {
    schedule(expression, name, handlers) {
      // @note The callback returns nothing: overlap is the daemon's business, so node-cron never sees a run in flight.
      const task = cron.createTask(expression, (context) => handlers.onFire(context.date), {
        name,
        logger,
        missedExecutionTolerance: options.missedToleranceMs ?? 30_000,
        suppressMissedWarning: true,
        ...(handlers.claim && {
          distributed: true,
          runCoordinator: {
            // node-cron's key is `${name}:${slot ISO}`; the slot is what the claim is about.
            shouldRun: (key: string) => handlers.claim!(new Date(key.slice(name.length + 1))),
          },
        }),
      })
      if (handlers.onMissed)
        task.on('execution:missed', (context) => handlers.onMissed!(context.date))
      void task.start()
      return {
        stop() {
          void task.destroy()
        },
      }
    },
  }
}
