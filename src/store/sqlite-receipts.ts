import type Database from 'better-sqlite3'
import type { BuildReceipt, ReceiptLink, StoredReceipt } from '../model/index.js'
import {
  RECEIPT_COLUMNS,
  nextReceipt,
  sqliteInsert,
  sqliteRows,
  type ReceiptRow,
} from './row-mappers.js'

/** The receipt chain's statements over an open database; the store wraps them in its transactions. */
export interface SqliteReceipts {
  /** Builds the next receipt from the head and appends it; call inside a write transaction. */
  append(contract: string, build: BuildReceipt): StoredReceipt
  head(contract: string): ReceiptLink | undefined
  list(contract: string): StoredReceipt[]
  /** The latest `limit`, newest first. */
  recent(contract: string, limit: number): StoredReceipt[]
  /** The contract's receipt of this digest. */
  find(contract: string, digest: string): StoredReceipt | undefined
  contracts(): string[]
}

export function createSqliteReceipts(db: Database.Database): SqliteReceipts {
  const selectHead = db.prepare<[string], ReceiptLink>(
    `SELECT sequence, digest FROM receipts WHERE contract = ? ORDER BY sequence DESC LIMIT 1`,
  )
  const insert = db.prepare(sqliteInsert('receipts', RECEIPT_COLUMNS))
  const selectAll = db.prepare<[string], ReceiptRow<string>>(
    `SELECT * FROM receipts WHERE contract = ? ORDER BY sequence`,
  )
  const selectRecent = db.prepare<[string, number], ReceiptRow<string>>(
    `SELECT * FROM receipts WHERE contract = ? ORDER BY sequence DESC LIMIT ?`,
  )
  const selectByDigest = db.prepare<[string, string], ReceiptRow<string>>(
    `SELECT * FROM receipts WHERE contract = ? AND digest = ?`,
  )
  const selectContracts = db.prepare<[], { contract: string }>(
    `SELECT DISTINCT contract FROM receipts ORDER BY contract`,
  )

  function head(contract: string): ReceiptLink | undefined {
    const row = selectHead.get(contract)
    return row && { sequence: row.sequence, digest: row.digest }
  }

  return {
    append(contract, build) {
      const receipt = nextReceipt(contract, head(contract), build)
      insert.run(...sqliteRows.receiptValues(receipt))
      return receipt
    },
    head,
    list: (contract) => selectAll.all(contract).map(sqliteRows.toReceipt),
    recent: (contract, limit) => selectRecent.all(contract, limit).map(sqliteRows.toReceipt),
    find(contract, digest) {
      const row = selectByDigest.get(contract, digest)
      return row && sqliteRows.toReceipt(row)
    },
    contracts: () => selectContracts.all().map((row) => row.contract),
  }
}
