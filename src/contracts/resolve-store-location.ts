import { resolve } from 'node:path'

/**
 * Where the store lives, from the config, `UPCHECK_STORE` or `--store`: a URL
 * (`postgres://user@host:5432/db`) is kept as written, anything else is a SQLite file path
 * resolved against `folder`.
 */
export function resolveStoreLocation(folder: string, value: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : resolve(folder, value)
}
