import { existsSync } from 'node:fs'
import { loadConfig, resolveStoreLocation } from '../../contracts/index.js'
import { UpcheckError } from '../../model/index.js'
import { describeServer, migrateStore, openStore, type Store } from '../../store/index.js'
import type { CliIo } from '../cli-io.js'
import { EXIT } from '../exit-code.js'
import type { GlobalOptions } from '../global-options.js'

export interface StoreMigrateFlags extends GlobalOptions {
  /** Default: the store the command would use (`--store`, `UPCHECK_STORE`, the config). */
  from?: string
  to?: string
}

const isUrl = (location: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(location)
// A URL is shown as host:port/db: never its password.
const shown = (location: string) => (isUrl(location) ? describeServer(location) : location)

/**
 * `upcheck store migrate [--from STORE] --to STORE`: copies the whole history into a new,
 * empty store (SQLite file or PostgreSQL URL), in one transaction on the target.
 */
export async function runStoreMigrateCommand(flags: StoreMigrateFlags, io: CliIo): Promise<number> {
  if (!flags.to)
    throw new UpcheckError(
      'USAGE',
      'store migrate needs --to: the new store, a SQLite file or a postgres:// URL.',
    )
  const cwd = io.cwd()
  const config = await loadConfig({
    cwd,
    ...(flags.config !== undefined && { file: flags.config }),
  })
  const from = resolveStoreLocation(cwd, flags.from ?? flags.store ?? config.store)
  const to = resolveStoreLocation(cwd, flags.to)
  if (from === to)
    throw new UpcheckError('USAGE', `--from and --to are the same store (${shown(from)}).`)
  // Opening a SQLite file that is not there would create an empty store and copy nothing.
  if (!isUrl(from) && !existsSync(from))
    throw new UpcheckError(
      'USAGE',
      `There is no store at ${from} to migrate from. Name it with --from (a SQLite file or a postgres:// URL).`,
    )
  const stores: Store[] = []
  try {
    const source = await openStore({ store: from }, io.env)
    stores.push(source)
    const target = await openStore({ store: to }, io.env)
    stores.push(target)
    const copied = await migrateStore(source, target, {
      onTable: (table, rows) => {
        if (!flags.quiet) io.stderr.write(`${table}: ${rows} row(s)\n`)
      },
    })
    if (flags.json)
      io.stdout.write(`${JSON.stringify({ from: shown(from), to: shown(to), rows: copied })}\n`)
    else if (!flags.quiet)
      io.stdout.write(`copied ${copied} row(s) of history from ${shown(from)} to ${shown(to)}\n`)
    return EXIT.ok
  } finally {
    for (const store of stores) await store.close()
  }
}
