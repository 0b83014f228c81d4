import type { Headers } from '../model/index.js'

/**
 * Recorded headers that describe the recording's connection, not the request, or that
 * undici must set itself. `accept-encoding` is dropped too: undici does not decompress, and
 * matching needs the body as the upstream means it, not gzip bytes.
 */
const NOT_REPLAYED: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
  'content-length',
  'expect',
  'accept-encoding',
])

/** Request headers in undici's form: lower-case names, repeated headers as arrays. */
export type OutgoingHeaders = Record<string, string | string[]>

/**
 * The headers a probe sends: the recorded ones minus hop-by-hop ones, then the contract's,
 * which win over a recorded header of the same name in any case (so a redacted
 * `Authorization: Bearer <redacted>` from the recording is replaced by the real one).
 *
 * @param contractHeaders lower-case names to values, prepared once per upstream.
 * @param bodyContentType added as `content-type` when a body is sent and no header names one.
 */
export function buildRequestHeaders(
  recorded: Headers | undefined,
  contractHeaders: ReadonlyMap<string, string>,
  bodyContentType: string | undefined,
): OutgoingHeaders {
  const out: OutgoingHeaders = {}
  if (recorded !== undefined) {
    const listedInConnection = connectionTokens(recorded)
    for (const name in recorded) {
      const lower = name.toLowerCase()
      if (NOT_REPLAYED.has(lower) || lower.startsWith('proxy-') || contractHeaders.has(lower))
        continue
      if (listedInConnection !== undefined && listedInConnection.has(lower)) continue
      const values = recorded[name]
      if (values === undefined || values.length === 0) continue
      const previous = out[lower]
      // @note Two recorded spellings of one name (`Accept`, `accept`) are one header on the wire.
      if (previous === undefined)
        out[lower] = values.length === 1 ? unfold(values[0] as string) : values.map(unfold)
      else out[lower] = ([] as string[]).concat(previous, values.map(unfold))
    }
  }
  for (const [name, value] of contractHeaders) out[name] = value
  if (bodyContentType !== undefined && out['content-type'] === undefined)
    out['content-type'] = bodyContentType
  return out
}

/** Headers named in a recorded `Connection` header are hop-by-hop too (RFC 9110 §7.6.1). */
function connectionTokens(recorded: Headers): Set<string> | undefined {
  let tokens: Set<string> | undefined
  for (const name in recorded) {
    if (name.toLowerCase() !== 'connection') continue
    for (const value of recorded[name] ?? []) {
      for (const token of value.split(',')) {
        const trimmed = token.trim().toLowerCase()
        if (trimmed.length > 0) (tokens ??= new Set()).add(trimmed)
      }
    }
  }
  return tokens
}

/** An obsolete line folding (RFC 9110 §5.5) is sent as the single space it stands for. */
function unfold(value: string): string {
  return value.includes('\n') || value.includes('\r') ? value.replace(/\r?\n[ \t]+/g, ' ') : value
}
