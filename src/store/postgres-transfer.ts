import type pg from 'pg'
import type { TransferStore } from './store.js'
import { STORE_TABLES, type NeutralRow, type StoreTable } from './store-tables.js'

/**
 * `store migrate`'s side of a PostgreSQL store: its history tables row by row, engine-neutral.
 * `transaction` is the store's own, so a failed copy rolls back and reports like any write.
 */
export function createPostgresTransfer(
  pool: pg.Pool,
  transaction: <T>(what: string, work: (client: pg.PoolClient) => Promise<T>) => Promise<T>,
): TransferStore {
  const columnsOf = (table: StoreTable) => table.columns.map(([name]) => name).join(', ')
  return {
    async readTableRows(table, { offset, limit }) {
      const { rows } = await pool.query<Record<string, unknown>>(
        `SELECT ${columnsOf(table)} FROM ${table.name} ORDER BY ${table.order.postgres} LIMIT $1 OFFSET $2`,
        [limit, offset],
      )
      return rows.map((row) => {
        const neutral: NeutralRow = {}
        for (const [name, kind] of table.columns) {
          const value = row[name]
          neutral[name] =
            value instanceof Date
              ? kind === 'epoch'
                ? value.getTime()
                : value.toISOString()
              : (value as NeutralRow[string])
        }
        return neutral
      })
    },

    writeTableRows(pages) {
      return transaction('copy the history into the store', async (client) => {
        let written = 0
        for await (const { table, rows } of pages) {
          if (rows.length === 0) continue
          const width = table.columns.length
          const values: unknown[] = []
          const tuples = rows.map((row, r) => {
            for (const [name, kind] of table.columns) {
              const value = row[name] ?? null
              values.push(kind === 'epoch' && value !== null ? new Date(value as number) : value)
            }
            return `(${table.columns.map((_, c) => `$${r * width + c + 1}`).join(', ')})`
          })
          await client.query(
            `INSERT INTO ${table.name} (${columnsOf(table)}) VALUES ${tuples.join(', ')}`,
            values,
          )
          written += rows.length
        }
        return written
      })
    },

    async countTableRows() {
      let count = 0
      for (const table of STORE_TABLES) {
        const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table.name}`)
        count += Number(rows[0]!.n)
      }
      return count
    },
  }
}
