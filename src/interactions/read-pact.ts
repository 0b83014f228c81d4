import type {
  HttpInteraction,
  Interaction,
  MessageInteraction,
  PactDocument,
  PactSpecVersion,
} from '../model/index.js'
import { joinJsonPath } from './json-path.js'
import { createPactError, type ReadLocation } from './pact-error.js'
import { parsePactJson } from './parse-pact-json.js'
import { normaliseRequest, normaliseResponse } from './read-http-part.js'
import type { SharedRules } from './read-matching-rules.js'
import { splitTopLevelArray } from './split-top-level-array.js'
import { findTooDeepJson } from '../text/index.js'

/** The interaction fields the model holds; anything else is kept in `extra`. */
const KNOWN_V4_FIELDS = new Set([
  'type',
  'description',
  'key',
  'providerStates',
  'request',
  'response',
  'pending',
  'comments',
])
const KNOWN_LEGACY_FIELDS = new Set([
  'description',
  'providerState',
  'providerStates',
  'request',
  'response',
])
const MESSAGE_TYPES = new Set(['Asynchronous/Messages', 'Synchronous/Messages'])
const SUPPORTED_VERSIONS = '1.x, 2.0.0, 3.0.0 and 4.0'

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function child(at: ReadLocation, key: string | number): ReadLocation {
  return { file: at.file, path: joinJsonPath(at.path, key) }
}

function invalid(at: ReadLocation, problem: string, remedy: string) {
  return createPactError('PACT_INVALID', at, problem, remedy)
}

/** `"3.0.0"`, `"3"`, `3` → `3.0.0`; the V1 format is V2 without rules, so it reads as 2.0.0. */
function toSpecVersion(raw: unknown): PactSpecVersion | undefined {
  const text = String(raw).trim()
  const major = /^v?(\d+)(?:\.\d+){0,2}$/.exec(text)?.[1]
  if (major === '1' || major === '2') return '2.0.0'
  if (major === '3') return '3.0.0'
  if (major === '4') return '4.0'
  return undefined
}

function declaredVersion(
  doc: Record<string, unknown>,
): { value: unknown; path: string } | undefined {
  const metadata = doc.metadata
  if (!isObject(metadata)) return undefined
  for (const key of ['pactSpecification', 'pact-specification', 'pactSpecificationVersion']) {
    const entry = metadata[key]
    if (isObject(entry) && entry.version !== undefined)
      return {
        value: entry.version,
        path: joinJsonPath(joinJsonPath('$.metadata', key), 'version'),
      }
    if (typeof entry === 'string' || typeof entry === 'number')
      return { value: entry, path: joinJsonPath('$.metadata', key) }
  }
  return undefined
}

/** A file without a declared version is judged by its shape, as Pact's own readers do. */
function inferVersion(doc: Record<string, unknown>): PactSpecVersion {
  const interactions = Array.isArray(doc.interactions) ? doc.interactions : []
  if (interactions.some((i) => isObject(i) && typeof i.type === 'string')) return '4.0'
  const v2Rules = interactions.some((i) => {
    if (!isObject(i)) return false
    return [i.request, i.response].some(
      (part) =>
        isObject(part) &&
        isObject(part.matchingRules) &&
        Object.keys(part.matchingRules).some((k) => k.startsWith('$.')),
    )
  })
  return v2Rules ? '2.0.0' : '3.0.0'
}

function readSpecVersion(doc: Record<string, unknown>, file: string): PactSpecVersion {
  const declared = declaredVersion(doc)
  if (!declared) return inferVersion(doc)
  const version = toSpecVersion(declared.value)
  if (!version) {
    throw invalid(
      { file, path: declared.path },
      `unknown Pact specification version ${JSON.stringify(declared.value)}`,
      `upcheck reads versions ${SUPPORTED_VERSIONS}; re-export the file with a Pact tool of one of these versions`,
    )
  }
  return version
}

function readParty(
  doc: Record<string, unknown>,
  role: 'consumer' | 'provider',
  file: string,
): string {
  const party = doc[role]
  const name = isObject(party) ? party.name : undefined
  if (typeof name !== 'string' || name === '') {
    throw invalid(
      { file, path: isObject(party) ? `$.${role}.name` : `$.${role}` },
      `the ${role} has no name`,
      `Add "${role}": {"name": "…"} to the file`,
    )
  }
  return name
}

function readDescription(raw: Record<string, unknown>, at: ReadLocation): string {
  const description = raw.description
  if (typeof description !== 'string' || description === '') {
    throw invalid(
      child(at, 'description'),
      'the interaction has no description',
      'Give every interaction a unique "description"; upcheck names it in reports',
    )
  }
  return description
}

function readProviderStates(
  raw: Record<string, unknown>,
  at: ReadLocation,
): HttpInteraction['providerStates'] {
  if (typeof raw.providerState === 'string') return [{ name: raw.providerState }]
  const states = raw.providerStates
  if (states === undefined) return undefined
  if (!Array.isArray(states))
    throw invalid(
      child(at, 'providerStates'),
      'providerStates is not a list',
      'Make it a list of {"name": …}',
    )
  return states.map((state, i) => {
    if (!isObject(state) || typeof state.name !== 'string') {
      throw invalid(
        child(child(at, 'providerStates'), i),
        'a provider state needs a "name"',
        'Add the name of the state',
      )
    }
    return state.params === undefined
      ? { ...state, name: state.name }
      : { ...state, name: state.name, params: state.params as Record<string, unknown> }
  })
}

function requirePart(
  raw: Record<string, unknown>,
  part: 'request' | 'response',
  at: ReadLocation,
): unknown {
  if (raw[part] === undefined) {
    throw invalid(
      child(at, part),
      `the interaction "${String(raw.description ?? '')}" has no ${part}`,
      part === 'response'
        ? 'Add the response that was recorded (at least its status), or remove the interaction'
        : 'Add the request (method and path), or remove the interaction',
    )
  }
  return raw[part]
}

function readHttpInteraction(
  raw: Record<string, unknown>,
  version: PactSpecVersion,
  at: ReadLocation,
  sharedRules: SharedRules,
): HttpInteraction {
  const description = readDescription(raw, at)
  const request = normaliseRequest(requirePart(raw, 'request', at), version, {
    ...child(at, 'request'),
    sharedRules,
  })
  const response = normaliseResponse(requirePart(raw, 'response', at), version, {
    ...child(at, 'response'),
    sharedRules,
  })
  const interaction: HttpInteraction = { type: 'Synchronous/HTTP', description, request, response }
  if (raw.key !== undefined) {
    if (typeof raw.key !== 'string')
      throw invalid(child(at, 'key'), 'key is not a string', 'Remove the key; Pact recomputes it')
    interaction.key = raw.key
  }
  const providerStates = readProviderStates(raw, at)
  if (providerStates) interaction.providerStates = providerStates
  if (raw.pending !== undefined) {
    if (typeof raw.pending !== 'boolean')
      throw invalid(child(at, 'pending'), 'pending is not true or false', 'Use a boolean')
    interaction.pending = raw.pending
  }
  if (raw.comments !== undefined) {
    if (!isObject(raw.comments))
      throw invalid(child(at, 'comments'), 'comments is not an object', 'Use {"text": [...]}')
    interaction.comments = raw.comments
  }
  const known = version === '4.0' ? KNOWN_V4_FIELDS : KNOWN_LEGACY_FIELDS
  // Most interactions have no other field: look before building anything.
  for (const key in raw) {
    if (known.has(key)) continue
    interaction.extra = Object.fromEntries(Object.entries(raw).filter(([k]) => !known.has(k)))
    break
  }
  return interaction
}

function readMessage(
  raw: Record<string, unknown>,
  type: MessageInteraction['type'],
  at: ReadLocation,
): MessageInteraction {
  const message: MessageInteraction = { type, description: readDescription(raw, at), raw }
  if (typeof raw.key === 'string') message.key = raw.key
  return message
}

function readInteraction(
  raw: unknown,
  version: PactSpecVersion,
  at: ReadLocation,
  sharedRules: SharedRules,
): Interaction {
  if (!isObject(raw))
    throw invalid(
      at,
      `an interaction must be an object, found ${JSON.stringify(raw)?.slice(0, 40)}`,
      'Fix or remove it',
    )
  if (version !== '4.0') return readHttpInteraction(raw, version, at, sharedRules)
  const type = raw.type ?? 'Synchronous/HTTP'
  if (type === 'Synchronous/HTTP') return readHttpInteraction(raw, version, at, sharedRules)
  if (typeof type === 'string' && MESSAGE_TYPES.has(type))
    return readMessage(raw, type as MessageInteraction['type'], at)
  throw invalid(
    child(at, 'type'),
    `unknown interaction type ${JSON.stringify(type)}`,
    'Use "Synchronous/HTTP", "Asynchronous/Messages" or "Synchronous/Messages"',
  )
}

/**
 * Reads the text of a Pact V2, V3 or V4 file into the model. HTTP interactions are normalised;
 * message interactions are kept as read (upcheck replays HTTP only and reports them as skipped).
 * @param file the name to use in errors, as the user knows the file.
 * @throws UpcheckError `PACT_UNREADABLE` (not JSON), `PACT_INVALID` or `RULE_INVALID`, naming the
 * file and the JSON path, and saying what to do.
 */
export function readPact(text: string, file: string): PactDocument {
  const quick = readPactItemByItem(text, file)
  if (quick) return quick
  const doc = parsePactJson(text, file)
  return readPactDocument(doc, file, isObject(doc) ? doc.interactions : undefined)
}

/**
 * The usual file (a declared version, an `interactions` list) read one interaction at a time:
 * each is parsed, normalised and dropped, so the parse tree of the whole file never exists
 * and its garbage dies young. Any problem, including one that is only an error in the file,
 * gives `undefined`, and the whole-file reading then reports it exactly as it always has.
 */
function readPactItemByItem(text: string, file: string): PactDocument | undefined {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  // Too deep a file is the whole-file reading's error to place, as every other problem is.
  if (findTooDeepJson(source) !== -1) return undefined
  const split = splitTopLevelArray(source, 'interactions')
  if (!split) return undefined
  try {
    const head: unknown = JSON.parse(split.head)
    if (!isObject(head) || declaredVersion(head) === undefined) return undefined
    const items = (function* () {
      for (const [start, end] of split.items) yield JSON.parse(source.slice(start, end)) as unknown
    })()
    return readPactDocument(head, file, items)
  } catch {
    return undefined
  }
}

/** The model of a parsed Pact file; `interactions` stands for `doc.interactions`. */
function readPactDocument(doc: unknown, file: string, interactionsList: unknown): PactDocument {
  if (!isObject(doc)) {
    throw invalid(
      { file, path: '$' },
      `a Pact file is a JSON object, found ${Array.isArray(doc) ? 'an array' : JSON.stringify(doc)}`,
      'Check that this is a Pact file',
    )
  }
  const specVersion = readSpecVersion(doc, file)
  const consumer = readParty(doc, 'consumer', file)
  const provider = readParty(doc, 'provider', file)
  const interactions: Interaction[] = []
  const hasInteractions = doc.interactions !== undefined
  // V3 message pacts hold `messages` instead of `interactions`.
  if (!hasInteractions && Array.isArray(doc.messages)) {
    doc.messages.forEach((raw, i) => {
      const at = { file, path: `$.messages[${i}]` }
      if (!isObject(raw)) throw invalid(at, 'a message must be an object', 'Fix or remove it')
      interactions.push(readMessage(raw, 'Asynchronous/Messages', at))
    })
  } else {
    if (!Array.isArray(doc.interactions)) {
      throw invalid(
        { file, path: '$.interactions' },
        hasInteractions ? 'interactions is not a list' : 'the file has no interactions list',
        'A Pact file lists its recorded exchanges in "interactions": [...]; re-export the file',
      )
    }
    const sharedRules: SharedRules = new Map()
    let i = 0
    for (const raw of interactionsList as Iterable<unknown>) {
      interactions.push(
        readInteraction(raw, specVersion, { file, path: `$.interactions[${i}]` }, sharedRules),
      )
      i++
    }
  }
  const metadata = isObject(doc.metadata) ? doc.metadata : {}
  return { consumer, provider, interactions, specVersion, metadata }
}
