export type { Store } from './store.js'
export type {
  AlertChannel,
  AlertKind,
  AlertState,
  AlertTransition,
  ClaimOptions,
  DeliveryKey,
  OutboxAlert,
  PendingDelivery,
} from './alert-outbox.js'
export { createSqliteStore } from './sqlite-store.js'
export type { BaselineAcceptance } from './baseline-acceptance.js'
