import type { UnreachableReason } from './probe-exchange.js'

/** A transport failure in the words of a probe result. */
export interface NetworkFault {
  reason: UnreachableReason
  /** One line for people. Never quotes a header value; may quote an unknown error's message, which the caller scrubs. */
  detail: string
}

const BY_CODE: Readonly<Record<string, [UnreachableReason, string]>> = {
  ECONNREFUSED: ['connection-refused', 'connection refused'],
  ENOTFOUND: ['dns', 'host name not found'],
  EAI_AGAIN: ['dns', 'host name lookup failed for now'],
  EAI_NONAME: ['dns', 'host name not found'],
  EAI_FAIL: ['dns', 'host name lookup failed'],
  EAI_NODATA: ['dns', 'host name has no address'],
  ETIMEDOUT: ['timeout', 'connection timed out'],
  UND_ERR_CONNECT_TIMEOUT: ['timeout', 'connection timed out'],
  UND_ERR_HEADERS_TIMEOUT: ['timeout', 'no response headers in time'],
  UND_ERR_BODY_TIMEOUT: ['timeout', 'response body stalled'],
  ECONNRESET: ['reset', 'connection reset'],
  EPIPE: ['reset', 'connection closed while sending'],
  ECONNABORTED: ['reset', 'connection aborted'],
  UND_ERR_SOCKET: ['reset', 'connection closed by the upstream'],
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: [
    'reset',
    'response shorter or longer than its Content-Length',
  ],
  EHOSTUNREACH: ['network', 'host unreachable'],
  ENETUNREACH: ['network', 'network unreachable'],
  UND_ERR_INVALID_ARG: ['invalid-request', 'the recorded request cannot be sent'],
  ERR_INVALID_CHAR: ['invalid-request', 'a header holds a character HTTP does not allow'],
  ERR_INVALID_HTTP_TOKEN: ['invalid-request', 'a header name or method is not a valid HTTP token'],
  UND_ERR_NOT_SUPPORTED: [
    'invalid-request',
    'the recorded request uses a feature undici does not support',
  ],
  UND_ERR_REQ_CONTENT_LENGTH_MISMATCH: [
    'invalid-request',
    'the request body does not match its Content-Length',
  ],
}

const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|UND_ERR_PRX_TLS)/

/**
 * Maps an error from undici or node:net to a reason, looking through `cause` chains and
 * the `AggregateError` Node raises when it tried several addresses.
 */
export function classifyNetworkError(error: unknown): NetworkFault {
  for (const code of collectCodes(error)) {
    const known = BY_CODE[code]
    if (known !== undefined) return { reason: known[0], detail: `${known[1]} (${code})` }
    if (TLS_CODE.test(code)) return { reason: 'tls', detail: `TLS failed (${code})` }
    if (code.startsWith('HPE_'))
      return { reason: 'network', detail: `the response is not valid HTTP/1.1 (${code})` }
  }
  const message = error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200)
  const code = (error as { code?: unknown } | null)?.code
  return { reason: 'network', detail: typeof code === 'string' ? `${message} (${code})` : message }
}

function collectCodes(error: unknown): string[] {
  const codes: string[] = []
  const seen = new Set<unknown>()
  const queue: unknown[] = [error]
  while (queue.length > 0) {
    const next = queue.shift()
    if (typeof next !== 'object' || next === null || seen.has(next)) continue
    seen.add(next)
    const { code, cause, errors } = next as { code?: unknown; cause?: unknown; errors?: unknown }
    if (typeof code === 'string') codes.push(code)
    if (cause !== undefined) queue.push(cause)
    if (Array.isArray(errors)) queue.push(...errors)
  }
  return codes
}
