import type { UpstreamCredentials } from './upstream-credentials.js'

/**
 * A contract's upstream with every `${VAR}` resolved, held in memory for one run only.
 * Built by the layer that reads the environment; probes never read it themselves.
 *
 * @example
 * const upstream: ResolvedUpstream = {
 *   baseUrl: 'http://127.0.0.1:4017/api/v1',
 *   headers: { Authorization: 'Bearer s3cr3t' },
 *   secrets: ['s3cr3t'],
 * }
 */
export interface ResolvedUpstream {
  /** Absolute http(s) URL. Its path is a prefix of every probe's path; its query, if any, comes first. */
  baseUrl: string
  /** Added to every probe, overriding recorded headers of the same name (case-insensitively). */
  headers: Readonly<Record<string, string>>
  /** Values that came from the environment. Scrubbed from every string a probe produces. */
  secrets: readonly string[]
  /**
   * Supplies the `Authorization` header per request when `upstream.auth` needs a token fetched
   * at run time; it wins over `headers`. Its tokens are scrubbed like `secrets`.
   */
  credentials?: UpstreamCredentials
}
