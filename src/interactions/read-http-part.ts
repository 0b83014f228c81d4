import type {
  Body,
  Headers,
  HttpRequest,
  HttpResponse,
  PactSpecVersion,
  Query,
} from '../model/index.js'
import { isJsonType, parseMediaType } from './content-type.js'
import { joinJsonPath } from './json-path.js'
import { createPactError, type ReadLocation } from './pact-error.js'
import { readMatchingRules, type SharedRules } from './read-matching-rules.js'
import { describeTooDeep, findTooDeepJson, parseJson } from '../text/index.js'

/** Where the part being normalised sits; errors name this file and path. */
export interface PartLocation {
  /** Default `<pact>`. */
  file?: string
  /** JSON path of the request or response object. Default `$`. */
  path?: string
  /** Rules already read from the same file, shared by identical `matchingRules` (see {@link SharedRules}). */
  sharedRules?: SharedRules
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function invalid(at: ReadLocation, problem: string, remedy: string) {
  return createPactError('PACT_INVALID', at, problem, remedy)
}

function child(at: ReadLocation, key: string | number): ReadLocation {
  return { file: at.file, path: joinJsonPath(at.path, key) }
}

function toText(value: unknown, at: ReadLocation, what: string): string {
  if (typeof value === 'string') return value
  // Some writers put numbers or booleans in headers and queries; their text is unambiguous.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  throw invalid(at, `${what} is ${JSON.stringify(value)}, not text`, `Make it a string`)
}

// RFC 9110 §5.6.2: a header name or method is a token.
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
// RFC 9110 §5.5: NUL, and CR or LF other than an obsolete line folding (a line break followed
// by a space or tab, which Pact's own testcases use), would split the request on the wire.
const FORBIDDEN_IN_HEADER_VALUE = /\0|\r(?!\n[ \t]|[ \t])|\n(?![ \t])/

function readHeaders(raw: unknown, at: ReadLocation): Headers | undefined {
  const headers = readTextMap(raw, at, 'headers', 'header')
  if (!headers) return undefined
  for (const [name, values] of Object.entries(headers)) {
    if (!HTTP_TOKEN.test(name))
      throw invalid(
        child(at, name),
        `header name ${JSON.stringify(name)} is not a valid HTTP header name`,
        'Use letters, digits and - only, as in "X-Request-Id"',
      )
    const bad = values.findIndex((value) => FORBIDDEN_IN_HEADER_VALUE.test(value))
    if (bad !== -1)
      throw invalid(
        Array.isArray((raw as Record<string, unknown>)[name])
          ? child(child(at, name), bad)
          : child(at, name),
        `header ${name} holds a line break or NUL, which HTTP does not allow in a header value`,
        'Remove the line break from the recorded value, or record the interaction again',
      )
  }
  return headers
}

/** Headers and query parameters alike: an object of name → text or list of texts. */
function readTextMap(
  raw: unknown,
  at: ReadLocation,
  field: 'headers' | 'query',
  what: 'header' | 'query parameter',
): Record<string, string[]> | undefined {
  if (raw === undefined || raw === null) return undefined
  if (!isObject(raw))
    throw invalid(
      at,
      `${field} must be an object of name → ${field === 'query' ? 'values' : 'value'}, found ${JSON.stringify(raw)}`,
      `Fix the ${field}`,
    )
  const map: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(raw)) {
    const valueAt = child(at, name)
    map[name] = Array.isArray(value)
      ? value.map((v, i) => toText(v, child(valueAt, i), `${what} ${name}`))
      : [toText(value, valueAt, `${what} ${name}`)]
  }
  return map
}

/** `a=1&b=2&a=3` → `{a: ['1', '3'], b: ['2']}`, percent-decoded as V2 files require. */
export function parseQueryString(query: string): Query {
  const out: Query = {}
  for (const [name, value] of new URLSearchParams(query.startsWith('?') ? query.slice(1) : query))
    (out[name] ??= []).push(value)
  return out
}

function readQuery(raw: unknown, at: ReadLocation): Query | undefined {
  if (typeof raw === 'string') return parseQueryString(raw)
  return readTextMap(raw, at, 'query', 'query parameter')
}

function headerValue(headers: Headers | undefined, name: string): string | undefined {
  if (!headers) return undefined
  const wanted = name.toLowerCase()
  for (const [key, values] of Object.entries(headers))
    if (key.toLowerCase() === wanted) return values.join(', ')
  return undefined
}

/** True for `application/json`, `application/hal+json`, `text/json`, with or without parameters. */
export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType ? isJsonType(parseMediaType(contentType).base) : false
}

/**
 * V2/V3 bodies are the content itself. A string is the raw body text, so a JSON body written
 * as a string is parsed; anything else is JSON already.
 */
function readLegacyBody(raw: unknown, contentType: string | undefined): Body | undefined {
  if (raw === undefined) return undefined
  if (typeof raw === 'string') {
    if (raw !== '' && isJsonContentType(contentType)) {
      try {
        return { contentType, content: parseJson(raw) }
      } catch {
        // Not JSON after all (or nested too deep, refused below): keep the text, so matching
        // reports what the file says.
      }
    }
    return contentType === undefined ? { content: raw } : { contentType, content: raw }
  }
  return { contentType: contentType ?? 'application/json', content: raw }
}

/** V4 bodies are `{contentType, encoded, content}`, kept field for field. */
function readV4Body(
  raw: unknown,
  at: ReadLocation,
  contentType: string | undefined,
): Body | undefined {
  if (raw === undefined) return undefined
  if (raw === null) return { content: null }
  // Pact's readers take an unwrapped V4 body as the content itself; so does upcheck.
  if (!isObject(raw) || !('content' in raw || 'contentType' in raw || 'encoded' in raw))
    return readLegacyBody(raw, contentType)
  if (!('content' in raw)) return undefined
  const body: Body = { content: raw.content }
  if (raw.contentType !== undefined) {
    if (typeof raw.contentType !== 'string')
      throw invalid(
        child(at, 'contentType'),
        `contentType is ${JSON.stringify(raw.contentType)}`,
        'Make it a media type string',
      )
    body.contentType = raw.contentType
  }
  if (raw.encoded !== undefined) {
    const encoded = raw.encoded
    if (encoded !== false && typeof encoded !== 'string')
      throw invalid(
        child(at, 'encoded'),
        `encoded is ${JSON.stringify(encoded)}`,
        'Use false, "base64" or "json"',
      )
    if ((encoded === 'base64' || encoded === 'json') && typeof raw.content !== 'string') {
      throw invalid(
        child(at, 'content'),
        `content encoded as ${encoded} must be a string`,
        'Store the encoded text in content',
      )
    }
    if (encoded === 'base64' && !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(raw.content as string)) {
      throw invalid(
        child(at, 'content'),
        'the content is marked base64 but is not base64',
        'Re-encode the body, or set "encoded": false',
      )
    }
    if (encoded === 'json') {
      try {
        JSON.parse(raw.content as string)
      } catch (error) {
        throw invalid(
          child(at, 'content'),
          `the content is marked as JSON text but does not parse (${error instanceof Error ? error.message : String(error)})`,
          'Fix the JSON, or set "encoded": false',
        )
      }
    }
    body.encoded = encoded
  }
  return body
}

function readBody(
  raw: Record<string, unknown>,
  headers: Headers | undefined,
  version: PactSpecVersion,
  at: ReadLocation,
): Body | undefined {
  if (!('body' in raw)) return undefined
  const contentType = headerValue(headers, 'content-type')
  const body =
    version === '4.0'
      ? readV4Body(raw.body, child(at, 'body'), contentType)
      : readLegacyBody(raw.body, contentType)
  refuseTooDeepBodyText(body, child(at, 'body'))
  return body
}

function decodeBase64Text(content: string): string {
  try {
    return new TextDecoder().decode(
      Uint8Array.from(atob(content.replace(/\s/g, '')), (c) => c.charCodeAt(0)),
    )
  } catch {
    return ''
  }
}

/**
 * A body kept as text that the matcher will parse as JSON gets the same depth bound as the
 * file around it: the file's own check cannot see inside a string.
 */
function refuseTooDeepBodyText(body: Body | undefined, at: ReadLocation): void {
  if (typeof body?.content !== 'string') return
  const text = body.encoded === 'base64' ? decodeBase64Text(body.content) : body.content
  if (!/^\s*[[{]/.test(text)) return
  if (findTooDeepJson(text) === -1) return
  throw invalid(
    at,
    `the body is JSON text that ${describeTooDeep()}`,
    'Remove this interaction, or re-record it against an answer that nests less deeply',
  )
}

function root(location: PartLocation | undefined): ReadLocation {
  return { file: location?.file ?? '<pact>', path: location?.path ?? '$' }
}

function requireObject(
  raw: unknown,
  at: ReadLocation,
  part: 'request' | 'response',
  remedy: string,
): asserts raw is Record<string, unknown> {
  if (!isObject(raw))
    throw invalid(at, `the ${part} must be an object, found ${JSON.stringify(raw)}`, remedy)
}

/** What a request and a response both have: headers, body, matching rules and generators (only those present). */
function readMessageParts(
  raw: Record<string, unknown>,
  version: PactSpecVersion,
  at: ReadLocation,
  sharedRules?: SharedRules,
): Pick<HttpResponse, 'headers' | 'body' | 'matchingRules' | 'generators'> {
  const parts: Pick<HttpResponse, 'headers' | 'body' | 'matchingRules' | 'generators'> = {}
  const headers = readHeaders(raw.headers, child(at, 'headers'))
  if (headers) parts.headers = headers
  const body = readBody(raw, headers, version, at)
  if (body) parts.body = body
  const rules = readMatchingRules(raw.matchingRules, child(at, 'matchingRules'), sharedRules)
  if (rules) parts.matchingRules = rules
  if (raw.generators !== undefined) parts.generators = raw.generators as HttpResponse['generators']
  return parts
}

/**
 * Normalises one request object of a Pact file (or of a Pact specification testcase) of the given
 * version into the model. Missing `method` and `path` default as Pact's engines default them.
 * @throws UpcheckError `PACT_INVALID` / `RULE_INVALID` naming the file and JSON path.
 */
export function normaliseRequest(
  raw: unknown,
  version: PactSpecVersion,
  location?: PartLocation,
): HttpRequest {
  const at = root(location)
  requireObject(raw, at, 'request', 'Give the interaction a request with method and path')
  const method = raw.method ?? 'GET'
  if (typeof method !== 'string' || !HTTP_TOKEN.test(method))
    throw invalid(
      child(at, 'method'),
      `method is ${JSON.stringify(method)}, not an HTTP method`,
      'Use an HTTP method like "GET"',
    )
  const path = raw.path ?? '/'
  if (typeof path !== 'string')
    throw invalid(
      child(at, 'path'),
      `path is ${JSON.stringify(path)}, not text`,
      'Use a path like "/posts/1"',
    )
  const request: HttpRequest = { method, path }
  const query = readQuery(raw.query, child(at, 'query'))
  if (query) request.query = query
  return Object.assign(request, readMessageParts(raw, version, at, location?.sharedRules))
}

/**
 * Normalises one response object of the given version into the model. A missing `status`
 * defaults to 200, as in Pact.
 * @throws UpcheckError `PACT_INVALID` / `RULE_INVALID` naming the file and JSON path.
 */
export function normaliseResponse(
  raw: unknown,
  version: PactSpecVersion,
  location?: PartLocation,
): HttpResponse {
  const at = root(location)
  requireObject(raw, at, 'response', 'Give the interaction a response with at least a status')
  const status = raw.status ?? 200
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw invalid(
      child(at, 'status'),
      `status is ${JSON.stringify(status)}, not an HTTP status code`,
      'Use a number from 100 to 599',
    )
  }
  const response: HttpResponse = { status }
  return Object.assign(response, readMessageParts(raw, version, at, location?.sharedRules))
}
