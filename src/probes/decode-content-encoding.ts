import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib'

/** What undoing a response's `Content-Encoding` came to. */
export type ContentDecoding =
  | { kind: 'decoded'; body: Buffer }
  /** The decoded body would exceed the cap: a decompression bomb, or just a large answer. */
  | { kind: 'too-large' }
  | { kind: 'failed'; detail: string }

/**
 * Undoes the codings a response names in `Content-Encoding` (gzip, deflate, br; identity),
 * last applied first, never producing more than `maxBytes`.
 *
 * @note An upstream may compress even when the request sent no `Accept-Encoding` (RFC 9110
 * §12.5.3 lets a server assume any coding is acceptable then), so a probe must decode rather
 * than judge compressed bytes. `maxOutputLength` bounds the work: a 10 GB gzip bomb stops at
 * the cap instead of filling memory.
 */
export function decodeContentEncoding(
  body: Buffer,
  header: string | string[] | undefined,
  maxBytes: number,
): ContentDecoding {
  const codings = listCodings(header)
  let decoded = body
  for (let i = codings.length - 1; i >= 0; i--) {
    const coding = codings[i]!
    const decode = DECODERS[coding]
    if (!decode)
      return {
        kind: 'failed',
        detail: `the response is encoded with ${coding}, which upcheck cannot decode (gzip, deflate and br are supported)`,
      }
    try {
      decoded = decode(decoded, maxBytes)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        return { kind: 'too-large' }
      return {
        kind: 'failed',
        detail: `the response's ${coding} body could not be decoded: ${(error as Error).message}`,
      }
    }
  }
  return { kind: 'decoded', body: decoded }
}

function listCodings(header: string | string[] | undefined): string[] {
  if (header === undefined) return []
  const joined = Array.isArray(header) ? header.join(',') : header
  return joined
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
}

const DECODERS: Record<string, (body: Buffer, maxBytes: number) => Buffer> = {
  gzip: (body, maxOutputLength) => gunzipSync(body, { maxOutputLength }),
  'x-gzip': (body, maxOutputLength) => gunzipSync(body, { maxOutputLength }),
  br: (body, maxOutputLength) => brotliDecompressSync(body, { maxOutputLength }),
  // @note "deflate" means zlib-wrapped (RFC 9110 §8.4.1.2), but some servers send raw deflate.
  deflate: (body, maxOutputLength) =>
    hasZlibHeader(body)
      ? inflateSync(body, { maxOutputLength })
      : inflateRawSync(body, { maxOutputLength }),
}

/** RFC 1950: compression method 8 in the low nibble, and the two header bytes a multiple of 31. */
function hasZlibHeader(body: Buffer): boolean {
  return body.length >= 2 && (body[0]! & 0x0f) === 8 && (body[0]! * 256 + body[1]!) % 31 === 0
}
