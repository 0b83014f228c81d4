import { appendPointer } from '../json-pointer.js'
import { entriesOf, isObject, type JsonObject, type Located } from './document-view.js'
import { ANY_SCHEMA } from './normalize-schema.js'

/** `Application/JSON; charset=utf-8` → `application/json`: parameters do not make another type. */
export function mediaTypeKey(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase()
}

export interface MediaTypeEntry {
  /** As written. */
  name: string
  ptr: string
  schema: Located
}

/** The media types of a `content` map, keyed by `mediaTypeKey`. */
export function collectContent(contentPtr: string, content: unknown): Map<string, MediaTypeEntry> {
  const out = new Map<string, MediaTypeEntry>()
  for (const [name, media] of entriesOf(content)) {
    const ptr = appendPointer(contentPtr, name)
    const schema =
      isObject(media) && media.schema !== undefined
        ? { ptr: `${ptr}/schema`, node: media.schema }
        : { ptr, node: ANY_SCHEMA }
    const key = mediaTypeKey(name)
    if (!out.has(key)) out.set(key, { name, ptr, schema })
  }
  return out
}

/**
 * The revision media type that serves a base one: the same type, else a wildcard that covers
 * it (`application/*`, `*\/*`).
 */
export function findMediaType(
  key: string,
  content: ReadonlyMap<string, MediaTypeEntry>,
): MediaTypeEntry | undefined {
  const exact = content.get(key)
  if (exact) return exact
  const [type] = key.split('/')
  return content.get(`${type}/*`) ?? content.get('*/*')
}

/**
 * The schema of a parameter or a header: its `schema`, else the schema of its single
 * `content` entry, else anything.
 */
export function schemaOrContentSchema(owner: Located<JsonObject>): Located {
  if (owner.node.schema !== undefined)
    return { ptr: `${owner.ptr}/schema`, node: owner.node.schema }
  const [entry] = collectContent(`${owner.ptr}/content`, owner.node.content).values()
  return entry?.schema ?? { ptr: owner.ptr, node: ANY_SCHEMA }
}
