import { UpcheckError } from '../model/index.js'
import type { TransferStore } from './store.js'
import { STORE_TABLES, type NeutralRow, type StoreTable } from './store-tables.js'

export interface MigrateStoreOptions {
  /** Rows read and written at a time. Default 500. */
  pageSize?: number
  /** Called after each table is copied. */
  onTable?(table: string, rows: number): void
}

/**
 * Copies the whole history (runs, probes, findings, alert state and the pending outbox,
 * baseline acceptances, receipts, handoffs) from one store into a new, empty one, in one
 * transaction on the target: a copy that fails leaves the target as empty as it was.
 * Receipts are copied byte for byte, so every chain and signature verifies in the new store.
 * @returns how many rows were copied.
 */
export async function migrateStore(
  from: TransferStore,
  to: TransferStore,
  options: MigrateStoreOptions = {},
): Promise<number> {
  const limit = options.pageSize ?? 500
  const already = await to.countTableRows()
  if (already > 0)
    throw new UpcheckError(
      'USAGE',
      `The target store already holds ${already} rows of history; store migrate copies only into a new, empty store. Point --to at a new database or file.`,
    )
  async function* pages(): AsyncGenerator<{ table: StoreTable; rows: NeutralRow[] }> {
    let total = 0
    for (const table of STORE_TABLES) {
      let copied = 0
      for (;;) {
        const rows = await from.readTableRows(table, { offset: copied, limit })
        if (rows.length > 0) yield { table, rows }
        copied += rows.length
        if (rows.length < limit) break
      }
      options.onTable?.(table.name, copied)
      total += copied
    }
    // Thrown before the target commits: a source written to meanwhile leaves the target empty.
    const now = await from.countTableRows()
    if (now !== total)
      throw new UpcheckError(
        'STORE_FAILED',
        `The source store changed during the copy (${now} rows now, ${total} read). Stop every verify and daemon that uses it, then migrate again.`,
      )
  }
  return to.writeTableRows(pages())
}
