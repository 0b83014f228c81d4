import type { Located } from '../compare/document-view.js'
import type { SchemaNormalizer } from '../compare/normalize-schema.js'

const MAX_DEPTH = 64
const MAX_ITEMS = 200

function typeOfValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

/**
 * Walks a recorded JSON body alongside the base schema and collects the pointer of every
 * schema (and property slot) a value in the body sits at: the field paths the body "uses".
 * Variants are walked when the value's type fits them, so the set errs on the side of more.
 *
 * A list recorded empty says nothing about which fields of its items the consumer reads, so
 * its whole item schema goes into `assumed`: used, though not seen read. Impact then does not
 * depend on whether the pilot happened to see the list full.
 */
export function collectTouchedPointers(
  normalizer: SchemaNormalizer,
  schema: Located,
  body: unknown,
  into: Set<string>,
  assumed: Set<string> = into,
): void {
  const walk = (slots: readonly Located[], value: unknown, depth: number) => {
    if (depth > MAX_DEPTH) return
    const normalized = normalizer.normalize(slots)
    for (const part of normalized.parts) into.add(part.ptr)
    for (const variant of [...(normalized.oneOf ?? []), ...(normalized.anyOf ?? [])]) {
      const types = normalizer.normalize([variant]).types
      const type = typeOfValue(value)
      if (!types || types.has(type as never) || (type === 'integer' && types.has('number')))
        walk([variant], value, depth + 1)
    }
    if (Array.isArray(value)) {
      if (normalized.items && value.length === 0)
        collectSubtree(normalizer, normalized.items, assumed)
      else if (normalized.items)
        for (const item of value.slice(0, MAX_ITEMS)) walk(normalized.items, item, depth + 1)
      return
    }
    if (value === null || typeof value !== 'object') return
    for (const [key, child] of Object.entries(value)) {
      const property = normalized.properties.get(key)
      if (property) {
        for (const slot of property) into.add(slot.ptr)
        walk(property, child, depth + 1)
      } else if (Array.isArray(normalized.additionalProperties)) {
        walk(normalized.additionalProperties, child, depth + 1)
      }
    }
  }
  walk([schema], body, 0)
}

/** Every schema and property slot under `slots`: each schema once, so cycles end. */
function collectSubtree(
  normalizer: SchemaNormalizer,
  slots: readonly Located[],
  into: Set<string>,
): void {
  const seen = new Set<object>()
  const queue: { slots: readonly Located[]; depth: number }[] = [{ slots, depth: 0 }]
  for (let index = 0; index < queue.length; index++) {
    const { slots: next, depth } = queue[index]!
    if (depth > MAX_DEPTH) continue
    const normalized = normalizer.normalize(next)
    if (seen.has(normalized)) continue
    seen.add(normalized)
    for (const part of normalized.parts) into.add(part.ptr)
    for (const property of normalized.properties.values()) {
      for (const slot of property) into.add(slot.ptr)
      queue.push({ slots: property, depth: depth + 1 })
    }
    if (normalized.items) queue.push({ slots: normalized.items, depth: depth + 1 })
    if (Array.isArray(normalized.additionalProperties))
      queue.push({ slots: normalized.additionalProperties, depth: depth + 1 })
    for (const variant of [...(normalized.oneOf ?? []), ...(normalized.anyOf ?? [])])
      queue.push({ slots: [variant], depth: depth + 1 })
  }
}
