export {
  startDaemon,
  type Daemon,
  type DaemonDeps,
  type DaemonEvent,
  type DaemonLog,
} from './start-daemon.js'
export {
  createContractScheduler,
  type ContractScheduler,
  type ContractSchedulerDeps,
  type SchedulerEvent,
} from './contract-scheduler.js'
export type { CronScheduler, CronTask } from './cron-scheduler.js'
export {
  createNodeCronScheduler,
  type NodeCronSchedulerOptions,
} from './create-node-cron-scheduler.js'
export { watchFolder } from './watch-folder.js'
export { STATUS_PAGE_REFRESH_SECONDS } from './status-server.js'
export { startStatusServer, type StatusServer, type StatusServerOptions } from './status-server.js'
export { createDaemonMetrics, type DaemonMetrics } from './daemon-metrics.js'
export { startOutboxPump, type OutboxPump } from './outbox-pump.js'
