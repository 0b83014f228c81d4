import type Database from 'better-sqlite3'
import type { BuildReceipt, ReceiptLink, StoredReceipt } from '../model/index.js'

interface ReceiptRow {
  contract: string
  sequence: number
  kind: string
  digest: string
  envelope: string
  created_at: string
}

/** The receipt chain's statements over an open database; the store wraps them in its transactions. */
export interface SqliteReceipts {
  /** Builds the next receipt from the head and appends it; call inside a write transaction. */
  append(contract: string, build: BuildReceipt): StoredReceipt
  head(contract: string): ReceiptLink | undefined
  list(contract: string): StoredReceipt[]
  contracts(): string[]
}

export function createSqliteReceipts(db: Database.Database): SqliteReceipts {
  const selectHead = db.prepare<[string], ReceiptLink>(
    `SELECT sequence, digest FROM receipts WHERE contract = ? ORDER BY sequence DESC LIMIT 1`,
  )
  const insert = db.prepare(
    `INSERT INTO receipts (contract, sequence, kind, digest, envelope, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  )
  const selectAll = db.prepare<[string], ReceiptRow>(
    `SELECT * FROM receipts WHERE contract = ? ORDER BY sequence`,
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
      const previous = head(contract)
      const receipt = build(previous)
      const sequence = (previous?.sequence ?? 0) + 1
      insert.run(
        contract,
        sequence,
        receipt.kind,
        receipt.digest,
        JSON.stringify(receipt.envelope),
        receipt.createdAt,
      )
      return { contract, sequence, ...receipt }
    },
    head,
    list: (contract) =>
      selectAll.all(contract).map((row) => ({
        contract: row.contract,
        sequence: row.sequence,
        kind: row.kind,
        digest: row.digest,
        envelope: JSON.parse(row.envelope) as StoredReceipt['envelope'],
        createdAt: row.created_at,
      })),
    contracts: () => selectContracts.all().map((row) => row.contract),
  }
}
