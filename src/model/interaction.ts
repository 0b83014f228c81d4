import type { Generators, MatchingRules } from './matching-rules.js'

/**
 * A request or response body. Absent (`undefined` on the owner) means "no body";
 * that is different from a JSON `null` body and from an empty string.
 */
export interface Body {
  /** The media type, when known (from the V4 body or the Content-Type header). */
  contentType?: string
  /**
   * The content: a parsed JSON value for JSON bodies (which may be `null`), a string for
   * text, a base64 string when `encoded` is `'base64'`.
   */
  content: unknown
  /** V4's `encoded` flag: `false` for plain content, `'base64'` for binary, `'json'` for JSON held as a string. */
  encoded?: false | 'base64' | 'json' | (string & {})
}

/** Header names keep their recorded case; matching compares them case-insensitively. */
export type Headers = Record<string, string[]>
export type Query = Record<string, string[]>

export interface HttpRequest {
  method: string
  path: string
  query?: Query
  headers?: Headers
  body?: Body
  matchingRules?: MatchingRules
  generators?: Generators
}

export interface HttpResponse {
  status: number
  headers?: Headers
  body?: Body
  matchingRules?: MatchingRules
  generators?: Generators
}

/** A recorded HTTP exchange: what upcheck replays. */
export interface HttpInteraction {
  type: 'Synchronous/HTTP'
  description: string
  /** V4 interaction key; stable across rewrites of the file. */
  key?: string
  providerStates?: { name: string; params?: Record<string, unknown> }[]
  request: HttpRequest
  response: HttpResponse
  pending?: boolean
  comments?: Record<string, unknown>
  /** Fields of the file's interaction object that the model does not know, kept for a lossless round trip. */
  extra?: Record<string, unknown>
}

/**
 * A message interaction (V3 message pact, V4 asynchronous or synchronous message).
 * Kept so a rewrite loses nothing, and reported as skipped: upcheck replays HTTP only.
 */
export interface MessageInteraction {
  type: 'Asynchronous/Messages' | 'Synchronous/Messages'
  description: string
  key?: string
  /** The interaction object exactly as read from the file. */
  raw: Record<string, unknown>
}

export type Interaction = HttpInteraction | MessageInteraction

/** Pact specification versions upcheck reads. It always writes 4.0. */
export type PactSpecVersion = '2.0.0' | '3.0.0' | '4.0'

/** A Pact file, normalised. */
export interface PactDocument {
  consumer: string
  provider: string
  interactions: Interaction[]
  /** The specification version the file was read as. */
  specVersion: PactSpecVersion
  /** The file's `metadata`, kept; the writer sets `pactSpecification.version` to 4.0. */
  metadata: Record<string, unknown>
}

export function isHttpInteraction(interaction: Interaction): interaction is HttpInteraction {
  return interaction.type === 'Synchronous/HTTP'
}
