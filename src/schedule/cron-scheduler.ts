/** A cron task the scheduler can stop. */
export interface CronTask {
  stop(): void
}

/** Calls back on a cron expression's matches. node-cron by default (`createNodeCronScheduler`). */
export interface CronScheduler {
  /**
   * Calls `onFire` with the matched slot at each match of `expression`; `onMissed` when a
   * slot passed without a fire (the process was stalled or asleep). With `claim`, each
   * slot is claimed first and fires only when the claim resolves `true`.
   */
  schedule(
    expression: string,
    name: string,
    handlers: {
      onFire(slot: Date): void
      onMissed?(slot: Date): void
      claim?(slot: Date): Promise<boolean>
    },
  ): CronTask
}
