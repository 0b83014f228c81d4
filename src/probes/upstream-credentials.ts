/**
 * Where probes get an upstream's `Authorization` header when it needs a token fetched at run
 * time. Lives in memory only: nothing it holds is ever written out.
 */
export interface UpstreamCredentials {
  /** The header value to send now, like `Bearer eyJ…`; a cached token while it is fresh. */
  current(): Promise<string>
  /** After the upstream refused `stale` with a 401: a new header value (once per refusal). */
  renew(stale: string): Promise<string>
  /** Every token handed out so far, for the scrubber. */
  secrets(): readonly string[]
}
