import type { DeliveryReport, DeliverOptions } from '../alerts/index.js'

export interface OutboxPump {
  /** Delivers what is due soon: now if idle, else right after the pass under way. */
  kick(): void
  /** Stops the timer, waits for the pass under way, then tries every pending alert once more. */
  flush(): Promise<DeliveryReport | undefined>
}

/**
 * Drives the outbox in the daemon: a pass every `intervalMs` (deliveries whose backoff has
 * passed) and one whenever a run raises an alert. Passes never overlap.
 */
export function startOutboxPump(
  deliver: (options: DeliverOptions) => Promise<DeliveryReport>,
  options: {
    intervalMs: number
    onReport?(report: DeliveryReport): void
    onError?(error: unknown): void
  },
): OutboxPump {
  let current: Promise<void> | undefined
  let again = false
  let stopped = false

  const pass = async () => {
    do {
      again = false
      try {
        const report = await deliver({ dueOnly: true })
        options.onReport?.(report)
      } catch (error) {
        options.onError?.(error)
      }
    } while (again && !stopped)
  }
  const kick = () => {
    if (stopped) return
    if (current) {
      again = true
      return
    }
    current = pass().finally(() => (current = undefined))
  }
  const timer = setInterval(kick, options.intervalMs)

  return {
    kick,
    async flush() {
      stopped = true
      clearInterval(timer)
      await current
      try {
        return await deliver({ dueOnly: false })
      } catch (error) {
        options.onError?.(error)
        return undefined
      }
    },
  }
}
