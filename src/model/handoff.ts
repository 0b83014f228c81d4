/**
 * An owner change: pending from the edit of `owner:` until the new owner accepts it.
 * Timestamps are ISO 8601.
 */
export interface Handoff {
  contract: string
  fromOwner: string
  toOwner: string
  startedAt: string
  /** Absent while the handoff is pending. */
  acceptedAt?: string
  /** When the new owner was last reminded to accept. */
  remindedAt?: string
}

/**
 * A contract as upcheck last saw it in the contracts folder: what first-sighting, removal and
 * owner-change receipts are decided against. Timestamps are ISO 8601.
 */
export interface KnownContract {
  contract: string
  /** The `owner:` last seen in its file. */
  owner: string
  /** The absolute path of its file when last seen. */
  file: string
  /** When it was first seen (again, after a removal). */
  firstSeenAt: string
}

/** An edit of a contract's `owner:`, as a pass finds it. */
export interface OwnerChange {
  contract: string
  /** The owner the store knew: the change is recorded only while it still is. */
  previousOwner: string
  owner: string
  at: string
}
