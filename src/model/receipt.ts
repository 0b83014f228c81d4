/**
 * A signed receipt as the store keeps it: a DSSE envelope. The same shape as the receipts
 * layer's `DsseEnvelope`, declared here so the store holds receipts without importing the
 * layer that signs them.
 */
export interface ReceiptEnvelope {
  payloadType: string
  /** The signed payload bytes, base64. */
  payload: string
  signatures: { keyid: string; sig: string }[]
}

/** The head of a contract's receipt chain: what the next receipt links to. */
export interface ReceiptLink {
  /** 1 for a contract's first receipt, then one more for each. */
  sequence: number
  /** Hex sha256 of the receipt's payload bytes. */
  digest: string
}

/** A receipt to append, built from the chain head read inside the writing transaction. */
export interface NewReceipt {
  /** What the receipt records: `run`, `baseline-accepted`, `owner-changed`, … */
  kind: string
  /** Hex sha256 of `envelope`'s payload bytes. */
  digest: string
  envelope: ReceiptEnvelope
  /** ISO 8601: when the act it records happened (the run's finish, the acceptance). */
  createdAt: string
}

/**
 * Builds the next receipt of a contract given the current head (`undefined` for the first).
 * @note Called inside the store's write transaction, so concurrent writers chain one after the
 * other: it must be synchronous and free of side effects other than signing.
 */
export type BuildReceipt = (previous: ReceiptLink | undefined) => NewReceipt

/** A stored receipt: where it sits in its contract's chain, and what was appended. */
export interface StoredReceipt extends ReceiptLink, NewReceipt {
  contract: string
}
