/** Who pinned which spec as a contract's baseline, and when: kept so the history is known. */
export interface BaselineAcceptance {
  contract: string
  /** ISO 8601. */
  acceptedAt: string
  /** A person's name or login, as given to `baseline accept --by` or the login name. */
  acceptedBy: string
  /** Where the accepted document came from: the contract's `upstream.spec`. */
  source: string
  /** The baseline file written, relative to the project. */
  baselineFile: string
  /** Hash of the bytes written, so a later edit by hand is noticeable. */
  sha256: string
  /** The diff against the previous baseline, counted by severity. */
  changes: { breaking: number; warning: number; info: number }
}
