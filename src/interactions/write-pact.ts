import type {
  Body,
  HttpInteraction,
  HttpRequest,
  HttpResponse,
  Interaction,
  MatchingRules,
  MessageInteraction,
  PactDocument,
} from '../model/index.js'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** Keys sorted, deeply: the order Pact's own writers use, so files from either diff cleanly. */
function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep)
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key]
    if (v !== undefined) out[key] = sortDeep(v)
  }
  return out
}

/** Sorts the top level only; values are placed as given (already canonical, or user data). */
function sortTop(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) if (value[key] !== undefined) out[key] = value[key]
  return out
}

function writeBody(body: Body, upgraded: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { content: body.content }
  let contentType = body.contentType
  let encoded = body.encoded
  if (upgraded) {
    // V2/V3 bodies carry neither field; V4 readers expect both.
    contentType ??= typeof body.content === 'string' ? 'text/plain' : 'application/json'
    encoded ??= false
  }
  if (contentType !== undefined) out.contentType = contentType
  if (encoded !== undefined) out.encoded = encoded
  return sortTop(out)
}

function writeRules(rules: MatchingRules): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [category, byExpression] of Object.entries(rules)) {
    if (!byExpression) continue
    const keys = Object.keys(byExpression)
    // Single-valued categories (path, status, method) hold their rule list directly.
    out[category] =
      keys.length === 1 && keys[0] === '' ? sortDeep(byExpression['']) : sortDeep(byExpression)
  }
  return sortTop(out)
}

function writePart(part: HttpRequest | HttpResponse, upgraded: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if ('method' in part) {
    out.method = part.method
    out.path = part.path
    if (part.query) out.query = sortDeep(part.query)
  } else {
    out.status = part.status
  }
  if (part.headers) out.headers = sortDeep(part.headers)
  if (part.body) out.body = writeBody(part.body, upgraded)
  if (part.matchingRules) out.matchingRules = writeRules(part.matchingRules)
  if (part.generators) out.generators = sortDeep(part.generators)
  return sortTop(out)
}

function writeHttpInteraction(
  interaction: HttpInteraction,
  upgraded: boolean,
): Record<string, unknown> {
  return sortTop({
    ...(interaction.extra ? (sortDeep(interaction.extra) as Record<string, unknown>) : {}),
    type: 'Synchronous/HTTP',
    description: interaction.description,
    key: interaction.key,
    pending: interaction.pending,
    providerStates: interaction.providerStates ? sortDeep(interaction.providerStates) : undefined,
    comments: interaction.comments ? sortDeep(interaction.comments) : undefined,
    request: writePart(interaction.request, upgraded),
    response: writePart(interaction.response, upgraded),
  })
}

/** A V3 message (`contents`, `metaData`) in V4's asynchronous-message shape. */
function upgradeV3Message(raw: Record<string, unknown>): Record<string, unknown> {
  const { contents, metaData, metadata, providerState, ...rest } = raw
  const meta = (metadata ?? metaData) as Record<string, unknown> | undefined
  const contentType =
    typeof meta?.contentType === 'string'
      ? meta.contentType
      : typeof contents === 'string'
        ? 'text/plain'
        : 'application/json'
  const out: Record<string, unknown> = {
    ...(sortDeep(rest) as Record<string, unknown>),
    type: 'Asynchronous/Messages',
    contents: sortTop({ content: contents ?? null, contentType, encoded: false }),
  }
  if (meta) out.metadata = sortDeep(meta)
  if (typeof providerState === 'string' && rest.providerStates === undefined)
    out.providerStates = [{ name: providerState }]
  return sortTop(out)
}

function writeMessage(message: MessageInteraction): Record<string, unknown> {
  if (typeof message.raw.type === 'string') {
    // Written as read, keys sorted; content values stay in their own order.
    const { contents, request, response, ...rest } = message.raw
    return sortTop({ ...(sortDeep(rest) as Record<string, unknown>), contents, request, response })
  }
  return upgradeV3Message(message.raw)
}

function writeInteraction(interaction: Interaction, upgraded: boolean): Record<string, unknown> {
  return interaction.type === 'Synchronous/HTTP'
    ? writeHttpInteraction(interaction, upgraded)
    : writeMessage(interaction)
}

/**
 * The Pact V4 JSON object of a document: keys in a stable (sorted) order, body content as read.
 * A document read from V4 comes back field for field; one read from V2/V3 is upgraded.
 */
export function toPactV4Json(doc: PactDocument): Record<string, Json> {
  const upgraded = doc.specVersion !== '4.0'
  const { 'pact-specification': _v2, pactSpecificationVersion: _v1, ...metadata } = doc.metadata
  const pactSpecification = {
    ...((metadata.pactSpecification as Record<string, unknown> | undefined) ?? {}),
    version: '4.0',
  }
  return sortTop({
    consumer: { name: doc.consumer },
    provider: { name: doc.provider },
    interactions: doc.interactions.map((i) => writeInteraction(i, upgraded)),
    metadata: sortDeep({ ...metadata, pactSpecification }),
  }) as Record<string, Json>
}

// Stand-ins for ±Infinity while serialising. A JSON string cannot hold a raw NUL, so their
// quoted form never comes from a real value's text.
const BEYOND_DOUBLE = {
  positive: '\u0000upcheck:+1e999\u0000',
  negative: '\u0000upcheck:-1e999\u0000',
}

/**
 * Serialises a document as a Pact V4 file: two-space indentation, sorted keys, final newline.
 * A number beyond double range (`1e999` from the upstream, Infinity once parsed) is written
 * as `1e999` or `-1e999`, which reads back as the same Infinity: `JSON.stringify` alone would
 * write `null`, and the next verify would see the upstream's number as a change.
 */
export function writePact(doc: PactDocument): string {
  let beyondDouble = false
  const text = JSON.stringify(
    toPactV4Json(doc),
    (_key, value: unknown) => {
      if (typeof value !== 'number' || Number.isFinite(value) || Number.isNaN(value)) return value
      beyondDouble = true
      return value > 0 ? BEYOND_DOUBLE.positive : BEYOND_DOUBLE.negative
    },
    2,
  )
  if (!beyondDouble) return `${text}\n`
  return `${text
    .replaceAll(JSON.stringify(BEYOND_DOUBLE.positive), '1e999')
    .replaceAll(JSON.stringify(BEYOND_DOUBLE.negative), '-1e999')}\n`
}
