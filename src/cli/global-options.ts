/** Flags every command takes (DESIGN.md). */
export interface GlobalOptions {
  /** Default `contracts`. */
  contracts?: string
  /** Default `reports`. */
  reports?: string
  config?: string
  /** Machine output on stdout. */
  json?: boolean
  quiet?: boolean
}
