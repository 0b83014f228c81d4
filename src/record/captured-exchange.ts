/** Header pairs as sent or received: names as written, a repeated header as repeated pairs. */
export type HeaderPairs = readonly (readonly [string, string])[]

/**
 * One HTTP exchange as a recorder saw it, before anything is redacted. Lives in memory only:
 * it may hold credentials, so it is never written anywhere as it is.
 */
export interface CapturedExchange {
  /** Upper-case. */
  method: string
  /** The absolute URL the request went to. */
  url: string
  requestHeaders: HeaderPairs
  /** The body bytes as sent (content-encoded when the request says so). */
  requestBody: Uint8Array
  status: number
  responseHeaders: HeaderPairs
  /** The body bytes as received; content-encoded unless `responseBodyDecoded`. */
  responseBody: Uint8Array
  /**
   * The body was decoded already although a `Content-Encoding` header is still there: `fetch`
   * and browsers (HAR) hand out decoded bodies with the original headers.
   */
  responseBodyDecoded?: boolean
}
