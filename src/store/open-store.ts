import { existsSync } from 'node:fs'
import type { UpcheckConfig } from '../model/index.js'
import { createPostgresStore } from './postgres-store.js'
import { createSqliteStore } from './sqlite-store.js'
import type { Store } from './store.js'

/** Where the store lives: `UpcheckConfig['store']`, a SQLite file path or a `postgres://` URL. */
export type StoreSettings = Pick<UpcheckConfig, 'store'>

/**
 * Opens the store the settings name, migrated and ready: the one place a command picks the
 * engine. `postgres://` and `postgresql://` URLs are PostgreSQL, with the password from the
 * URL or else `PGPASSWORD` in `env`; anything else is a SQLite file. With `readOnly`, a
 * SQLite file that does not exist is not created.
 */
export async function openStore(
  settings: StoreSettings,
  env: Readonly<Record<string, string | undefined>> = {},
  options: {
    /** A SQLite file that does not exist is read as an empty store instead of created. */
    readOnly?: boolean
    /** Told when work on a networked store retries a lost connection (the daemon logs it). */
    onConnectionRetry?(what: string, error: unknown, attempt: number): void
  } = {},
): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(settings.store))
    return createPostgresStore(settings.store, {
      password: env.PGPASSWORD,
      ...(options.onConnectionRetry && { onRetry: options.onConnectionRetry }),
    })
  // A command that only reads must not leave a `.upcheck/` behind where nothing ran yet: a
  // store that is not there reads as an empty one.
  if (options.readOnly && !existsSync(settings.store)) return createSqliteStore(':memory:')
  return createSqliteStore(settings.store)
}
