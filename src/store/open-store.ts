import type { UpcheckConfig } from '../model/index.js'
import { createSqliteStore } from './sqlite-store.js'
import type { Store } from './store.js'

/** Where the store lives: `UpcheckConfig['store']`, a file path for SQLite. */
export type StoreSettings = Pick<UpcheckConfig, 'store'>

/**
 * Opens the store the settings name, migrated and ready: the one place a command picks the
 * engine, so a new one (PostgreSQL for `postgres://…`) is added here and nowhere else.
 */
export async function openStore(settings: StoreSettings): Promise<Store> {
  return createSqliteStore(settings.store)
}
