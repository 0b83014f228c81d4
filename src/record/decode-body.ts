import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib'
import type { Body } from '../model/index.js'
import { isJsonContentType } from '../interactions/index.js'
import { parseJson } from '../text/index.js'

/** Thrown when bytes cannot be decoded as their `Content-Encoding` says; the caller says which exchange. */
export class BodyDecodeError extends Error {
  override readonly name = 'BodyDecodeError'
}

/**
 * Undoes `Content-Encoding` (gzip, deflate, br; several in order). Recordings hold bodies as
 * the application read them, and probes ask for them unencoded.
 * @throws BodyDecodeError for an unknown coding or bytes that do not decode.
 */
export function decodeContent(bytes: Uint8Array, contentEncoding: string | undefined): Uint8Array {
  if (contentEncoding === undefined || bytes.length === 0) return bytes
  const codings = contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity')
  let out: Uint8Array = bytes
  for (const coding of codings.reverse()) {
    try {
      if (coding === 'gzip' || coding === 'x-gzip') out = gunzipSync(out)
      else if (coding === 'br') out = brotliDecompressSync(out)
      else if (coding === 'deflate') out = inflateOrRaw(out)
      else
        throw new BodyDecodeError(`the body is encoded as "${coding}", which upcheck cannot decode`)
    } catch (error) {
      if (error instanceof BodyDecodeError) throw error
      throw new BodyDecodeError(
        `the body does not decode as ${coding} (${(error as Error).message})`,
      )
    }
  }
  return out
}

/** Servers send "deflate" both zlib-wrapped (as the RFC says) and raw. */
function inflateOrRaw(bytes: Uint8Array): Uint8Array {
  try {
    return inflateSync(bytes)
  } catch {
    return inflateRawSync(bytes)
  }
}

const TEXTUAL =
  /^(text\/|application\/(xml|javascript|ecmascript|x-www-form-urlencoded|graphql|yaml|x-yaml|x-ndjson|csv)\b)|\+xml\b|\+yaml\b/i
const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * A body in the model's terms: JSON parsed, text as text, anything else base64. `undefined`
 * for an empty body: no body is recorded then.
 */
export function toModelBody(bytes: Uint8Array, contentType: string | undefined): Body | undefined {
  if (bytes.length === 0) return undefined
  const typed = contentType === undefined ? {} : { contentType }
  let text: string | undefined
  try {
    text = utf8.decode(bytes)
  } catch {
    text = undefined
  }
  if (text !== undefined && isJsonContentType(contentType)) {
    try {
      return { ...typed, content: parseJson(text), encoded: false }
    } catch {
      // Declared JSON but is not: kept as the text it is, so a replay compares what was sent.
      return { ...typed, content: text, encoded: false }
    }
  }
  if (text !== undefined && (contentType === undefined || TEXTUAL.test(contentType)))
    return { contentType: contentType ?? 'text/plain', content: text, encoded: false }
  return {
    contentType: contentType ?? 'application/octet-stream',
    content: Buffer.from(bytes).toString('base64'),
    encoded: 'base64',
  }
}
