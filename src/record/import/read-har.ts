import { UpcheckError } from '../../model/index.js'
import { describeTooDeep, findTooDeepJson } from '../../text/index.js'
import type { CapturedExchange } from '../captured-exchange.js'

/** A HAR entry as an exchange, with its place in the file for messages. */
export interface HarExchange {
  /** Index in `log.entries`. */
  index: number
  exchange: CapturedExchange
}

export interface HarContents {
  exchanges: HarExchange[]
  /** Entries with no response (blocked, failed, cancelled: status 0), by index. */
  unanswered: number[]
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function invalid(file: string, path: string, problem: string): UpcheckError {
  return new UpcheckError(
    'IMPORT_INVALID',
    `${file}: ${path}: ${problem}. Export the HAR again (DevTools → Network → "Export HAR"), or fix the entry.`,
    { location: { file, path } },
  )
}

function readPairs(raw: unknown, file: string, path: string): [string, string][] {
  if (raw === undefined) return []
  if (!Array.isArray(raw)) throw invalid(file, path, 'headers must be a list of {name, value}')
  return raw.map((header, i) => {
    if (!isObject(header) || typeof header.name !== 'string' || typeof header.value !== 'string')
      throw invalid(file, `${path}[${i}]`, 'a header needs a string name and value')
    return [header.name, header.value]
  })
}

/** `postData`: its text, or its params written as a form when a tool left the text out. */
function readPostData(raw: unknown, file: string, path: string): Uint8Array {
  if (raw === undefined) return new Uint8Array()
  if (!isObject(raw)) throw invalid(file, path, 'postData must be an object')
  if (typeof raw.text === 'string')
    return refuseTooDeep(Buffer.from(raw.text, 'utf8'), file, `${path}.text`)
  if (Array.isArray(raw.params)) {
    const form = new URLSearchParams()
    for (const param of raw.params)
      if (isObject(param) && typeof param.name === 'string')
        form.append(param.name, typeof param.value === 'string' ? param.value : '')
    return Buffer.from(form.toString(), 'utf8')
  }
  return new Uint8Array()
}

/** `response.content`: text as is, or base64 (`encoding: "base64"`, how browsers store binary and some tools everything). */
function readContent(raw: unknown, file: string, path: string): Uint8Array {
  if (raw === undefined) return new Uint8Array()
  if (!isObject(raw)) throw invalid(file, path, 'content must be an object')
  if (raw.text === undefined) return new Uint8Array()
  if (typeof raw.text !== 'string') throw invalid(file, `${path}.text`, 'text must be a string')
  if (raw.encoding === undefined || raw.encoding === '')
    return refuseTooDeep(Buffer.from(raw.text, 'utf8'), file, `${path}.text`)
  if (raw.encoding !== 'base64')
    throw invalid(
      file,
      `${path}.encoding`,
      `the encoding "${String(raw.encoding)}" is not one HAR 1.2 defines (only base64)`,
    )
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(raw.text))
    throw invalid(file, `${path}.text`, 'the text is marked base64 but is not base64')
  return refuseTooDeep(Buffer.from(raw.text, 'base64'), file, `${path}.text`)
}

/**
 * A body that is JSON nested deeper than upcheck reads would be recorded as text that every
 * later verify refuses: it is refused here, at the entry that holds it.
 */
function refuseTooDeep(bytes: Buffer, file: string, path: string): Buffer {
  const text = bytes.toString('utf8')
  if (/^\s*[[{]/.test(text) && findTooDeepJson(text) !== -1)
    throw invalid(file, path, `the body is JSON that ${describeTooDeep()}`)
  return bytes
}

/** Some tools leave the Content-Type header out and give only the body's `mimeType`. */
function withContentType(pairs: [string, string][], body: unknown): [string, string][] {
  if (pairs.some(([name]) => name.toLowerCase() === 'content-type')) return pairs
  const mimeType = isObject(body) ? body.mimeType : undefined
  return typeof mimeType === 'string' && mimeType !== '' && mimeType !== 'x-unknown'
    ? [...pairs, ['content-type', mimeType]]
    : pairs
}

/**
 * Reads the entries of a parsed HAR 1.2 document (browser DevTools, Charles, mitmproxy,
 * Proxyman…) as exchanges. Bodies in a HAR are decoded already. Throws `IMPORT_INVALID`
 * naming the file and the JSON path of the first malformed field.
 */
export function readHar(doc: unknown, file: string): HarContents {
  const log = isObject(doc) ? doc.log : undefined
  if (!isObject(log) || !Array.isArray(log.entries))
    throw invalid(
      file,
      '$.log.entries',
      'a HAR file holds its exchanges in log.entries, which is missing',
    )
  const exchanges: HarExchange[] = []
  const unanswered: number[] = []
  log.entries.forEach((entry, index) => {
    const at = `$.log.entries[${index}]`
    if (!isObject(entry) || !isObject(entry.request) || !isObject(entry.response))
      throw invalid(file, at, 'an entry needs a request and a response')
    const { request, response } = entry
    if (typeof request.method !== 'string' || request.method === '')
      throw invalid(file, `${at}.request.method`, 'the method is missing')
    if (typeof request.url !== 'string' || !URL.canParse(request.url))
      throw invalid(file, `${at}.request.url`, 'the URL is missing or not absolute')
    if (typeof response.status !== 'number' || !Number.isInteger(response.status))
      throw invalid(file, `${at}.response.status`, 'the status is not a number')
    if (response.status === 0) {
      unanswered.push(index)
      return
    }
    const requestHeaders = withContentType(
      readPairs(request.headers, file, `${at}.request.headers`),
      request.postData,
    )
    const responseHeaders = withContentType(
      readPairs(response.headers, file, `${at}.response.headers`),
      response.content,
    )
    exchanges.push({
      index,
      exchange: {
        method: request.method.toUpperCase(),
        url: request.url,
        requestHeaders,
        requestBody: readPostData(request.postData, file, `${at}.request.postData`),
        status: response.status,
        responseHeaders,
        responseBody: readContent(response.content, file, `${at}.response.content`),
        responseBodyDecoded: true,
      },
    })
  })
  return { exchanges, unanswered }
}
