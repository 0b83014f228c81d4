/**
 * What a person needs to act on a broken or unreachable run without running it again: the
 * failing exchanges as they went over the wire, every string scrubbed of the upstream's
 * secrets, bodies cut to an excerpt. Kept with the run, and committed to by its receipt
 * (`evidenceDigest`), so it cannot be swapped later. Passing probes leave none.
 */
export interface RunEvidence {
  /** The failing (or unreachable) exchanges, in the order of the run's probes; at most a few. */
  exchanges: ExchangeEvidence[]
  /** Failing exchanges beyond the cap, counted but not kept. */
  omitted: number
}

/** One failing probe: what was sent and what came back (or why nothing usable did). */
export interface ExchangeEvidence {
  /** The probe's place in the run's `probes`, where its findings are. */
  probe: number
  interaction: string
  operation: string
  verdict: 'failed' | 'unreachable'
  /** Tries made, counting the first; the exchange shown is the last. */
  attempts: number
  /** The request as sent, when the client can say (the contract's headers included, scrubbed). */
  request?: SentRequest
  /** The answer judged, when one came (a 5xx or 429 after every retry is `problem` only). */
  response?: ReceivedResponse
  /** Why no answer could be judged: `timeout: no response headers within 200 ms`. */
  problem?: string
}

/** A probe's request as it went out: secrets replaced by `<redacted>`. */
export interface SentRequest {
  method: string
  url: string
  /** Lower-case names, repeated headers as arrays. */
  headers: Record<string, string | string[]>
  body?: BodyExcerpt
}

export interface ReceivedResponse {
  status: number
  headers: Record<string, string | string[]>
  body?: BodyExcerpt
}

/** The start of a body. */
export interface BodyExcerpt {
  /** UTF-8 text, or base64 for binary media types (as Pact records them). */
  text: string
  encoding: 'utf8' | 'base64'
  /** Length of the whole body as text, in bytes. */
  bytes: number
  /** True when `text` is only the first `bytes` cap of it (4 KiB). */
  truncated: boolean
}

/**
 * A run's evidence as stored: the exact JSON whose sha256 its receipt holds
 * (`evidenceDigest`). The one encoding, so the store and the receipt never disagree.
 */
export function serializeEvidence(evidence: RunEvidence): string {
  return JSON.stringify(evidence)
}
