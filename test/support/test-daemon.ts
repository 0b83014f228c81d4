import { EventEmitter, once } from 'node:events'
import { deliverPendingAlerts, planFreshnessAlerts } from '../../src/alerts/index.js'
import { createAlertWiring, createHandoffDeps, createVerifyDeps } from '../../src/cli/wiring.js'
import { reconcileContracts, remindPendingHandoffs } from '../../src/handoffs/index.js'
import { openInstanceSigner } from '../../src/receipts/index.js'
import { loadConfig, loadContracts } from '../../src/contracts/index.js'
import {
  createNodeCronScheduler,
  startDaemon,
  watchFolder,
  type CronScheduler,
  type DaemonEvent,
} from '../../src/schedule/index.js'
import { createSqliteStore, pruneHistory } from '../../src/store/index.js'
import { verifyContracts } from '../../src/verify/index.js'
import type { Project } from './project.js'

export interface TestDaemonOptions {
  env: Record<string, string>
  cron?: CronScheduler
  clock?: { now(): number }
  port?: number
  watch?: boolean
}

/**
 * The daemon wired as `upcheck schedule` wires it (real store, SMTP, undici, node-cron),
 * in-process, with its events on an emitter so a test waits for them instead of sleeping.
 */
export async function startTestDaemon(project: Project, options: TestDaemonOptions) {
  const config = await loadConfig({ cwd: project.dir })
  const store = createSqliteStore(config.store)
  const alerting = createAlertWiring({ store, config, env: options.env })
  const clock = options.clock ?? alerting.plan.clock
  const plan = { ...alerting.plan, clock }
  const signer = await openInstanceSigner(config.store, project.dir)
  const verifyDeps = createVerifyDeps({ store, env: options.env, clock, alerts: plan, signer })
  const handoffs = createHandoffDeps({ store, env: options.env, signer, alerts: plan, clock })
  const events = new EventEmitter()
  const log: string[] = []
  const seen: DaemonEvent[] = []
  const daemon = await startDaemon({
    store,
    env: options.env,
    clock,
    cron: options.cron ?? createNodeCronScheduler(),
    loadContracts: () => loadContracts(config.contracts, { config, cwd: project.dir }),
    ...(options.watch && {
      watchContracts: (onChange: () => void) =>
        watchFolder(config.contracts, onChange, { settleMs: 100 }),
    }),
    verify: (contract, slot) =>
      verifyContracts([contract], verifyDeps, { slot: slot.toISOString() }),
    planFreshness: (contract, handoff) => planFreshnessAlerts(contract, plan, handoff),
    reconcileContracts: async (contracts) => {
      await reconcileContracts(contracts, config.contracts, handoffs)
    },
    remindHandoffs: async (contracts) => (await remindPendingHandoffs(contracts, handoffs)).length,
    deliverAlerts: (o) => deliverPendingAlerts({ ...alerting.deliver, clock }, o),
    pruneHistory: () => pruneHistory(store, { retentionMs: config.retentionMs, now: clock.now() }),
    log: { info: (line) => log.push(line), warn: (line) => log.push(`warning: ${line}`) },
    ...(options.port !== undefined && { server: { port: options.port } }),
    // As `upcheck schedule` runs: one worker claiming its slots (trivially, on its own store).
    worker: {
      identity: {
        id: 'test-worker',
        host: 'localhost',
        pid: process.pid,
        startedAt: new Date(0).toISOString(),
      },
      leaseMs: 30_000,
    },
    onEvent(event) {
      seen.push(event)
      events.emit(event.type, event)
    },
  })
  return {
    daemon,
    store,
    log,
    seen,
    /** Resolves with the `count`-th event of `type` since the daemon started. */
    async waitFor<T extends DaemonEvent['type']>(
      type: T,
      count = 1,
    ): Promise<Extract<DaemonEvent, { type: T }>> {
      while (seen.filter((e) => e.type === type).length < count) await once(events, type)
      return seen.filter((e) => e.type === type)[count - 1] as Extract<DaemonEvent, { type: T }>
    },
    async stop(graceMs = 10_000) {
      const result = await daemon.stop({ graceMs })
      alerting.close()
      await store.close()
      return result
    },
  }
}
