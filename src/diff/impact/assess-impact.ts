import type { Body, HttpInteraction } from '../../model/interaction.js'
import { appendPointer } from '../json-pointer.js'
import {
  entriesOf,
  isObject,
  type DocumentView,
  type JsonObject,
} from '../compare/document-view.js'
import type { OperationEntry } from '../compare/collect-operations.js'
import type { ImpactScope } from '../compare/draft-change.js'
import { collectContent, mediaTypeKey, type MediaTypeEntry } from '../compare/media-types.js'
import type { SchemaNormalizer } from '../compare/normalize-schema.js'
import { statusKey } from '../compare/compare-responses.js'
import { createOperationMatcher } from './match-operation.js'
import { parseFormBody } from './parse-form-body.js'
import { collectTouchedPointers } from './walk-body.js'
import { parseJson } from '../../text/nesting-depth.js'

/**
 * How a change touches the recorded interactions: not at all, something they use (an
 * operation, a parameter, a status, the item schema of a list recorded empty), or a field a
 * recorded response body holds: one the consumer reads.
 */
export type Impact = 'none' | 'used' | 'read'

interface TouchedFields {
  read: Set<string>
  /** Used without being seen: the items of lists recorded empty. */
  assumed: Set<string>
}

interface UsedOperation {
  op: OperationEntry
  interactions: HttpInteraction[]
}

/** The value of a recorded body: JSON parsed, a form body nested, anything else as recorded. */
function bodyValue(body: Body | undefined, contentType: string | undefined): unknown {
  if (!body) return undefined
  if (body.encoded === 'json' && typeof body.content === 'string') {
    try {
      return parseJson(body.content)
    } catch {
      return body.content
    }
  }
  if (
    typeof body.content === 'string' &&
    body.encoded !== 'base64' &&
    contentType &&
    mediaTypeKey(contentType) === 'application/x-www-form-urlencoded'
  ) {
    return parseFormBody(body.content)
  }
  return body.content
}

function contentTypeOf(
  body: Body | undefined,
  headers: Record<string, string[]> | undefined,
): string | undefined {
  if (body?.contentType) return body.contentType
  for (const [name, values] of Object.entries(headers ?? {}))
    if (name.toLowerCase() === 'content-type') return values[0]
  return undefined
}

function pickMedia(
  content: Map<string, MediaTypeEntry>,
  contentType: string | undefined,
): MediaTypeEntry | undefined {
  if (contentType) {
    const exact = content.get(mediaTypeKey(contentType))
    if (exact) return exact
  }
  for (const [key, entry] of content) if (key.endsWith('json')) return entry
  return content.values().next().value
}

/**
 * Decides `affectsInteractions` for changes: maps every interaction to its base operation,
 * then answers each change's impact scope. Recorded bodies are walked lazily, once each.
 */
export function createImpactAssessor(
  view: DocumentView,
  normalizer: SchemaNormalizer,
  operations: readonly OperationEntry[],
  interactions: readonly HttpInteraction[],
): (scope: ImpactScope) => Impact {
  const match = createOperationMatcher(operations)
  const used = new Map<string, UsedOperation>()
  for (const interaction of interactions) {
    const op = match(interaction)
    if (!op) continue
    const entry = used.get(op.label) ?? { op, interactions: [] }
    entry.interactions.push(interaction)
    used.set(op.label, entry)
  }

  const responseKeys = new Map<string, string[]>()
  const responseKeyOf = (op: OperationEntry, status: number): string | undefined => {
    let keys = responseKeys.get(op.label)
    if (!keys) {
      keys = Object.keys(isObject(op.node.responses) ? op.node.responses : {}).map(statusKey)
      responseKeys.set(op.label, keys)
    }
    const code = String(status)
    if (keys.includes(code)) return code
    const range = `${code.charAt(0)}XX`
    if (keys.includes(range)) return range
    return keys.includes('default') ? 'default' : undefined
  }

  const touched = new Map<HttpInteraction, { request?: TouchedFields; response?: TouchedFields }>()
  const touchedBy = (
    entry: UsedOperation,
    interaction: HttpInteraction,
    part: 'request' | 'response',
  ): TouchedFields => {
    const cache = touched.get(interaction) ?? {}
    touched.set(interaction, cache)
    const known = cache[part]
    if (known) return known
    const into: TouchedFields = { read: new Set(), assumed: new Set() }
    cache[part] = into
    const message = part === 'request' ? interaction.request : interaction.response
    const value = bodyValue(message.body, contentTypeOf(message.body, message.headers))
    if (value === undefined) return into
    const opLocated = { ptr: entry.op.ptr, node: entry.op.node }
    let container: { ptr: string; node: unknown } | undefined
    if (part === 'request') container = view.child(opLocated, 'requestBody')
    else {
      const key = responseKeyOf(entry.op, interaction.response.status)
      const responses = view.child(opLocated, 'responses')
      const raw =
        key && responses
          ? entriesOf(responses.node).find(([status]) => statusKey(status) === key)
          : undefined
      container =
        raw && responses ? view.resolve(appendPointer(responses.ptr, raw[0]), raw[1]) : undefined
    }
    if (!container || !isObject(container.node)) return into
    const media = pickMedia(
      collectContent(`${container.ptr}/content`, (container.node as JsonObject).content),
      contentTypeOf(message.body, message.headers),
    )
    if (media) collectTouchedPointers(normalizer, media.schema, value, into.read, into.assumed)
    return into
  }

  const hasParameter = (interaction: HttpInteraction, location: string, name: string): boolean => {
    const request = interaction.request
    if (location === 'path') return true
    if (location === 'query') {
      if (request.query && Object.prototype.hasOwnProperty.call(request.query, name)) return true
      const search = request.path.split('?')[1]
      return search ? new URLSearchParams(search).has(name) : false
    }
    const headers = Object.entries(request.headers ?? {})
    if (location === 'header')
      return headers.some(([header]) => header.toLowerCase() === name.toLowerCase())
    if (location === 'cookie') {
      const cookies = headers
        .filter(([header]) => header.toLowerCase() === 'cookie')
        .flatMap(([, values]) => values)
      return cookies.some((cookie) =>
        cookie.split(';').some((part) => part.trim().startsWith(`${name}=`)),
      )
    }
    return false
  }

  const usesScheme = (op: OperationEntry, name: string) =>
    (op.security?.requirements ?? []).some(
      (requirement) => isObject(requirement) && name in requirement,
    )

  const affects = (scope: ImpactScope): boolean | 'read' => {
    switch (scope.kind) {
      case 'none':
        return false
      case 'scheme':
        return [...used.values()].some((entry) => usesScheme(entry.op, scope.name))
      default: {
        const entry = used.get(scope.op)
        if (!entry) return false
        let found: boolean | 'read' = false
        for (const interaction of entry.interactions) {
          switch (scope.kind) {
            case 'operation':
              return true
            case 'parameter':
              if (hasParameter(interaction, scope.in, scope.name)) return true
              break
            case 'status':
              if (responseKeyOf(entry.op, interaction.response.status) === scope.status) return true
              break
            case 'body': {
              if (
                scope.part === 'response' &&
                responseKeyOf(entry.op, interaction.response.status) !== scope.status
              )
                break
              const message = scope.part === 'request' ? interaction.request : interaction.response
              if (scope.anchor === undefined) {
                if (message.body !== undefined) return true
                break
              }
              const fields = touchedBy(entry, interaction, scope.part)
              if (fields.read.has(scope.anchor)) return scope.part === 'response' ? 'read' : true
              if (fields.assumed.has(scope.anchor)) found = true
            }
          }
        }
        return found
      }
    }
  }
  return (scope) => {
    const impact = affects(scope)
    return impact === 'read' ? 'read' : impact ? 'used' : 'none'
  }
}
