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
