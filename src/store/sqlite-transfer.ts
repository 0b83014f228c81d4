import type Database from 'better-sqlite3'
import type { TransferStore } from './store.js'
import { STORE_TABLES, type NeutralRow, type StoreTable } from './store-tables.js'

/** `store migrate`'s side of a SQLite store: its history tables row by row, engine-neutral. */
export function createSqliteTransfer(db: Database.Database): TransferStore {
  const columnsOf = (table: StoreTable) => table.columns.map(([name]) => name).join(', ')
  return {
    async readTableRows(table, { offset, limit }) {
      const rows = db
        .prepare<[number, number], NeutralRow>(
          `SELECT ${columnsOf(table)} FROM ${table.name} ORDER BY ${table.order.sqlite} LIMIT ? OFFSET ?`,
        )
        .all(limit, offset)
      for (const row of rows)
        for (const [name, kind] of table.columns)
          if (kind === 'flag' && row[name] !== null) row[name] = row[name] === 1
      return rows
    },

    async writeTableRows(pages) {
      const inserts = new Map<string, Database.Statement>()
      const insertFor = (table: StoreTable) => {
        let statement = inserts.get(table.name)
        if (!statement) {
          const marks = table.columns.map(() => '?').join(', ')
          statement = db.prepare(
            `INSERT INTO ${table.name} (${columnsOf(table)}) VALUES (${marks})`,
          )
          inserts.set(table.name, statement)
        }
        return statement
      }
      // @note An explicit transaction, because better-sqlite3's own cannot span the awaits of
      // reading the source: all rows land, or none.
      db.exec('BEGIN IMMEDIATE')
      let written = 0
      try {
        for await (const { table, rows } of pages) {
          const insert = insertFor(table)
          for (const row of rows) {
            insert.run(
              ...table.columns.map(([name, kind]) => {
                const value = row[name] ?? null
                return kind === 'flag' && value !== null ? (value ? 1 : 0) : value
              }),
            )
            written++
          }
        }
        db.exec('COMMIT')
        return written
      } catch (error) {
        db.exec('ROLLBACK')
        throw error
      }
    },

    async countTableRows() {
      let count = 0
      for (const table of STORE_TABLES)
        count += (db.prepare(`SELECT count(*) AS n FROM ${table.name}`).get() as { n: number }).n
      return count
    },
  }
}
