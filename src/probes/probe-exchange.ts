/**
 * What one probe saw: the HTTP side only. Whether it passes is decided later, by matching
 * and the verdict rules; every upstream fault is data here, never an exception.
 *
 * Every string in an exchange has been scrubbed of the upstream's secrets, and no `detail`
 * ever quotes a request header value.
 */
export type ProbeExchange =
  | ProbeResponse
  | ProbeSkipped
  | ProbeUnreachable
  | ProbeBodyTooLarge
  | ProbeCrossOriginRedirect
  | ProbeTooManyRedirects

/** The names of {@link ProbeExchange}'s variants. */
export type ProbeOutcome = ProbeExchange['outcome']

/** Response headers as undici parses them: lower-case names, repeated headers as arrays. */
export type ResponseHeaders = Record<string, string | string[]>

/** How many tries a probe took and how long the last one lasted. */
export interface ProbeAttempts {
  /** Tries made, counting the first; at most `retries + 1`. */
  attempts: number
  /** Time of the last try, from sending the request to the last body byte or the fault, redirects included. */
  durationMs: number
}

/** The upstream answered (after any same-origin redirects) with a status that is not 5xx or 429. */
export interface ProbeResponse extends ProbeAttempts {
  /** Discriminates the variants of {@link ProbeExchange}. */
  outcome: 'response'
  /** The final status (never a followed redirect's). */
  status: number
  /** The final response's headers, secrets scrubbed. */
  headers: ResponseHeaders
  /** The body: UTF-8 text for textual media types (JSON, text, XML, forms, or none given), base64 otherwise. */
  bodyText: string
  /** How `bodyText` encodes the bytes. */
  bodyEncoding: 'utf8' | 'base64'
  /** Length of the body in bytes, as received. */
  bodyBytes: number
  /** URL of the request that got this response (after redirects). */
  url: string
  /** Same-origin redirects followed to get here. */
  redirects: number
}

/** The probe was not sent. */
export interface ProbeSkipped {
  /** Nothing was sent. */
  outcome: 'skipped'
  /** `unsafe-method`: POST, PUT, PATCH, DELETE or an unknown method, and the contract does not set `allowUnsafe`. */
  reason: 'unsafe-method'
  /** The request method, upper-case. */
  method: string
  /** One line for people, saying how to allow it: see `describeUnsafeSkip`. */
  detail: string
}

/**
 * Why no verdict is possible.
 * - `connection-refused`: nothing listens at the upstream's address.
 * - `timeout`: the attempt's deadline (`timeoutMs`: connect, headers and body) passed.
 * - `reset`: the connection was closed or reset before the response was complete.
 * - `dns`: the host name does not resolve.
 * - `tls`: the TLS handshake or the certificate failed.
 * - `server-error`: 5xx on every try.
 * - `rate-limited`: 429 on every try.
 * - `network`: any other transport failure (unreachable host or net, protocol error).
 * - `invalid-request`: the recorded request cannot be sent as is (an illegal header value, say).
 */
export type UnreachableReason =
  | 'connection-refused'
  | 'timeout'
  | 'reset'
  | 'dns'
  | 'tls'
  | 'server-error'
  | 'rate-limited'
  | 'network'
  | 'invalid-request'

/** The probe got no answer it could judge, after every retry. */
export interface ProbeUnreachable extends ProbeAttempts {
  /** Discriminates the variants of {@link ProbeExchange}. */
  outcome: 'unreachable'
  /** What kind of fault it was; see {@link UnreachableReason}. */
  reason: UnreachableReason
  /** One line for people: what happened on the last try, like `no response headers within 200 ms`. */
  detail: string
  /** The last status seen, for `server-error` and `rate-limited`. */
  status?: number
  /**
   * The last answer's headers and body, for `server-error` and `rate-limited`: a failing
   * run's evidence shows them (a maintenance page, a rate-limit message). Scrubbed.
   */
  answer?: { headers: ResponseHeaders; bodyText: string; bodyEncoding: 'utf8' | 'base64' }
  /** URL of the last request sent. */
  url: string
}

/** The response body exceeded `maxBodyBytes`; reading stopped and the connection was closed. */
export interface ProbeBodyTooLarge extends ProbeAttempts {
  /** Discriminates the variants of {@link ProbeExchange}. */
  outcome: 'body-too-large'
  /** The status of the response whose body was too large. */
  status: number
  /** Its headers, secrets scrubbed. */
  headers: ResponseHeaders
  /** The cap, `maxBodyBytes`. */
  limitBytes: number
  /** Bytes received before reading stopped; 0 when `Content-Length` alone was over the cap. */
  receivedBytes: number
  /** The `Content-Length` the upstream declared, when it declared one. */
  declaredBytes?: number
  /** URL of the request that got the response. */
  url: string
}

/** The upstream redirected to another origin. The redirect was not followed, so no credentials went there. */
export interface ProbeCrossOriginRedirect extends ProbeAttempts {
  /** Discriminates the variants of {@link ProbeExchange}. */
  outcome: 'cross-origin-redirect'
  /** The redirect status: 301, 302, 303, 307 or 308. */
  status: number
  /** The redirect target's origin, like `https://login.example.com`. */
  locationOrigin: string
  /** The target without its query or fragment, which may hold tokens: origin and path only. */
  location: string
  /** URL of the request that was redirected. */
  url: string
  /** Same-origin redirects followed before this one. */
  redirects: number
}

/** Same-origin redirects went on past the limit (5). */
export interface ProbeTooManyRedirects extends ProbeAttempts {
  /** Discriminates the variants of {@link ProbeExchange}. */
  outcome: 'too-many-redirects'
  /** The status of the last redirect. */
  status: number
  /** The redirect that was not followed, origin and path only. */
  location: string
  /** URL of the last request, the one that was redirected once too often. */
  url: string
  /** Redirects followed: the limit. */
  redirects: number
}
