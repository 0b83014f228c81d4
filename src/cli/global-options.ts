/** Flags every command takes (DESIGN.md). */
export interface GlobalOptions {
  /** Default `contracts`. */
  contracts?: string
  /** Default `reports`. */
  reports?: string
  config?: string
  /** The store: a SQLite file or a `postgres://` URL; `UPCHECK_STORE` when not given. */
  store?: string
  /** Machine output on stdout. */
  json?: boolean
  quiet?: boolean
}
