/**
 * Headers as the wire gave them: names in any case; a value is one string (several values
 * joined with `, `, as Node and fetch join them) or a list (as Node gives `set-cookie`).
 */
export type ActualHeaders = Readonly<Record<string, string | readonly string[] | undefined>>

/**
 * A response as received, before any interpretation: the matcher parses the body itself,
 * by the rules of the expected response.
 */
export interface ActualResponse {
  status: number
  headers?: ActualHeaders
  /** The body as received; `undefined` or empty means the response had no body. */
  body?: string | Uint8Array
}

/** A request as received (by a recording proxy, or built for a test). */
export interface ActualRequest {
  method: string
  /** The path without the query string. */
  path: string
  /** The raw query string (`a=1&b=2`, with or without `?`), or parameters already split. */
  query?: string | Readonly<Record<string, string | readonly string[]>>
  headers?: ActualHeaders
  /** The body as received; `undefined` or empty means the request had no body. */
  body?: string | Uint8Array
}
