import type { CapturedExchange } from '../captured-exchange.js'

/** The environment variables a recorded process reads. */
export const CHANNEL_ENV = 'UPCHECK_RECORD_CHANNEL'
export const SCOPE_ENV = 'UPCHECK_RECORD_SCOPE'

/** One captured exchange on the channel from a recorded process: a JSON line, bodies base64. */
interface WireExchange {
  method: string
  url: string
  requestHeaders: [string, string][]
  requestBody: string
  status: number
  responseHeaders: [string, string][]
  responseBody: string
  responseBodyDecoded: boolean
}

export function encodeWireExchange(exchange: CapturedExchange): string {
  const wire: WireExchange = {
    method: exchange.method,
    url: exchange.url,
    requestHeaders: exchange.requestHeaders.map(([n, v]) => [n, v]),
    requestBody: Buffer.from(exchange.requestBody).toString('base64'),
    status: exchange.status,
    responseHeaders: exchange.responseHeaders.map(([n, v]) => [n, v]),
    responseBody: Buffer.from(exchange.responseBody).toString('base64'),
    responseBodyDecoded: exchange.responseBodyDecoded === true,
  }
  return `${JSON.stringify(wire)}\n`
}

function isPairs(value: unknown): value is [string, string][] {
  return (
    Array.isArray(value) &&
    value.every(
      (p) =>
        Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string',
    )
  )
}

/** The exchange of one line, or `undefined` for a line that is not one. */
export function decodeWireExchange(line: string): CapturedExchange | undefined {
  let wire: Partial<WireExchange>
  try {
    wire = JSON.parse(line) as Partial<WireExchange>
  } catch {
    return undefined
  }
  const { method, url, requestHeaders, requestBody, status, responseHeaders, responseBody } = wire
  if (
    typeof method !== 'string' ||
    typeof url !== 'string' ||
    typeof status !== 'number' ||
    typeof requestBody !== 'string' ||
    typeof responseBody !== 'string'
  )
    return undefined
  if (!isPairs(requestHeaders) || !isPairs(responseHeaders)) return undefined
  return {
    method,
    url,
    requestHeaders,
    requestBody: Buffer.from(requestBody, 'base64'),
    status,
    responseHeaders,
    responseBody: Buffer.from(responseBody, 'base64'),
    responseBodyDecoded: wire.responseBodyDecoded === true,
  }
}
