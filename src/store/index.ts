export type {
  AlertStore,
  BaselineStore,
  HandoffStore,
  LatestRun,
  ReceiptStore,
  RunStore,
  Store,
} from './store.js'
export { createSqliteStore } from './sqlite-store.js'
export { openStore, type StoreSettings } from './open-store.js'
export { createPostgresStore } from './postgres-store.js'
export { pruneHistory, type PruneHistoryOptions } from './prune-history.js'
