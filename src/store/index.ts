export type {
  AlertStore,
  BaselineStore,
  FleetStore,
  HandoffStore,
  LatestRun,
  ReceiptStore,
  RunRecord,
  RunStore,
  RunSummary,
  Store,
  TransferStore,
} from './store.js'
export { createSqliteStore } from './sqlite-store.js'
export { openStore, type StoreSettings } from './open-store.js'
export { createPostgresStore, describeServer } from './postgres-store.js'
export { pruneHistory, type PruneHistoryOptions } from './prune-history.js'
export { migrateStore, type MigrateStoreOptions } from './migrate-store.js'
export { STORE_TABLES, type StoreTable, type NeutralRow } from './store-tables.js'
