import {
  ChildSlot,
  DocumentView,
  isObject,
  type JsonObject,
  type Located,
} from './document-view.js'

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null'

export interface Bound {
  value: number
  exclusive: boolean
}

export type BoundKeyword =
  | 'maximum'
  | 'minimum'
  | 'maxLength'
  | 'minLength'
  | 'maxItems'
  | 'minItems'
  | 'maxProperties'
  | 'minProperties'

/**
 * A schema in a shape that compares easily: `$ref`s followed, `allOf` merged, 3.0 `nullable`
 * and 3.1 `type: [..., 'null']` (or an `anyOf` with a null variant) folded into `nullable`.
 * Subschemas stay unresolved (`Located` slots), so a circular schema is never expanded.
 */
export interface NormalizedSchema {
  /** Where it is reported: the content of the first part. */
  readonly ptr: string
  /** The slots it was built from and their contents (refs followed, allOf parts). */
  parts: readonly Located[]
  /** Allowed types other than null; `undefined` means any. */
  types?: ReadonlySet<JsonType>
  nullable: boolean
  format?: string
  /** Enum values other than null, keyed by their JSON text. */
  enum?: ReadonlyMap<string, unknown>
  const?: { value: unknown }
  /** `x-extensible-enum` values, keyed by their JSON text. */
  extensibleEnum?: ReadonlyMap<string, unknown>
  required: ReadonlySet<string>
  properties: ReadonlyMap<string, Located[]>
  /** `any` when unconstrained (absent or `true`), `none` when `false`. */
  additionalProperties: 'any' | 'none' | Located[]
  items?: Located[]
  bounds: Partial<Record<BoundKeyword, Bound>>
  multipleOf?: number
  pattern?: string
  uniqueItems: boolean
  readOnly: boolean
  writeOnly: boolean
  deprecated: boolean
  oneOf?: Located[]
  anyOf?: Located[]
  not?: Located
  discriminator?: { propertyName: string; mapping: ReadonlyMap<string, string> }
  default?: { value: unknown }
  title?: string
  /** Whether it says anything besides its composition (type, properties, …). */
  hasOwnShape: boolean
}

/** Stands in for a missing subschema (`items` absent on one side): accepts anything. */
export const ANY_SCHEMA: JsonObject = Object.freeze({}) as JsonObject

const ANNOTATIONS = new Set([
  'description',
  'title',
  'example',
  'examples',
  'externalDocs',
  'summary',
  '$comment',
])
const NUMERIC_BOUNDS: BoundKeyword[] = [
  'maxLength',
  'minLength',
  'maxItems',
  'minItems',
  'maxProperties',
  'minProperties',
]
const TYPES = new Set<string>(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'])

const NO_NAMES: ReadonlySet<string> = new Set()
const NO_PROPERTIES: ReadonlyMap<string, Located[]> = new Map()

/**
 * A normalised schema while it is built, and after. One class with every field set in the
 * constructor keeps one object shape, which matters with tens of thousands of schemas.
 */
class SchemaShape implements NormalizedSchema {
  types: Set<JsonType> | undefined = undefined
  nullable = false
  format: string | undefined = undefined
  enum: Map<string, unknown> | undefined = undefined
  const: { value: unknown } | undefined = undefined
  extensibleEnum: Map<string, unknown> | undefined = undefined
  required: Set<string> | ReadonlySet<string> = NO_NAMES
  properties: Map<string, Located[]> | ReadonlyMap<string, Located[]> = NO_PROPERTIES
  additionalProperties: 'any' | 'none' | Located[] = 'any'
  items: Located[] | undefined = undefined
  bounds: Partial<Record<BoundKeyword, Bound>> = {}
  multipleOf: number | undefined = undefined
  pattern: string | undefined = undefined
  uniqueItems = false
  readOnly = false
  writeOnly = false
  deprecated = false
  oneOf: Located[] | undefined = undefined
  anyOf: Located[] | undefined = undefined
  not: Located | undefined = undefined
  discriminator: { propertyName: string; mapping: Map<string, string> } | undefined = undefined
  default: { value: unknown } | undefined = undefined
  title: string | undefined = undefined
  hasOwnShape = false
  readonly parts: Located[] = []
  first: Located | undefined = undefined
  /** Content objects merged so far: an allOf cycle stops here. Dropped when built. */
  visited: Set<unknown> | undefined = new Set()

  get ptr(): string {
    return this.first?.ptr ?? this.parts[0]?.ptr ?? ''
  }

  addRequired(name: string): void {
    if (this.required === NO_NAMES) this.required = new Set()
    ;(this.required as Set<string>).add(name)
  }

  addProperty(name: string, slot: Located): void {
    if (this.properties === NO_PROPERTIES) this.properties = new Map()
    const list = this.properties.get(name)
    if (list) list.push(slot)
    else (this.properties as Map<string, Located[]>).set(name, [slot])
  }
}

type Accumulator = SchemaShape

/**
 * Normalises the schemas of one document, memoised by content: every `$ref` to one component
 * shares one normalised schema, so the comparison compares it once. Identity is the content
 * object itself, which is cheaper than its pointer string.
 */
export class SchemaNormalizer {
  private readonly byContent = new Map<object, NormalizedSchema>()
  private readonly byKey = new Map<string, NormalizedSchema>()
  // Plain maps, not WeakMaps: ephemeron tables are slow to fill and to collect, and the
  // normaliser lives no longer than one diff anyway.
  private readonly bySlots = new Map<readonly Located[], NormalizedSchema>()

  constructor(readonly view: DocumentView) {}

  normalize(slots: readonly Located[]): NormalizedSchema {
    const cached = this.bySlots.get(slots)
    if (cached) return cached
    const identity = this.identityOf(slots)
    const known =
      typeof identity === 'string' ? this.byKey.get(identity) : this.byContent.get(identity)
    if (known) {
      this.bySlots.set(slots, known)
      return known
    }
    const acc = new SchemaShape()
    for (const slot of slots) this.visit(acc, slot)
    this.foldNullVariants(acc)
    const normalized = this.finish(acc)
    if (typeof identity === 'string') this.byKey.set(identity, normalized)
    else this.byContent.set(identity, normalized)
    this.bySlots.set(slots, normalized)
    return normalized
  }

  /**
   * One slot: its content object. Several slots (merged duplicates), a stand-in for a missing
   * schema, or 3.1 keywords beside a `$ref`: a string of pointers.
   */
  private identityOf(slots: readonly Located[]): object | string {
    if (slots.length === 1) {
      const slot = slots[0] as Located
      if (slot.node !== ANY_SCHEMA && !this.hasRefSiblings(slot.node)) {
        const content = this.view.content(slot).node
        if (content !== null && typeof content === 'object') return content
      }
    }
    return slots
      .map((slot) =>
        slot.node === ANY_SCHEMA ? `${slot.ptr}#any` : `${this.view.content(slot).ptr}@${slot.ptr}`,
      )
      .join('&')
  }

  private hasRefSiblings(node: unknown): boolean {
    return (
      this.view.is31 &&
      isObject(node) &&
      typeof node.$ref === 'string' &&
      Object.keys(node).some((key) => key !== '$ref' && !ANNOTATIONS.has(key))
    )
  }

  /** Adds one schema (following refs and allOf) to the accumulator. */
  private visit(acc: Accumulator, slot: Located): void {
    acc.parts.push(slot)
    if (slot.node === ANY_SCHEMA) {
      acc.first ??= slot
      return
    }
    // 3.1 lets keywords stand beside a $ref; both apply, so the siblings are one more part.
    if (this.hasRefSiblings(slot.node)) {
      const node = slot.node as JsonObject
      const rest: JsonObject = {}
      for (const key of Object.keys(node))
        if (key !== '$ref' && !ANNOTATIONS.has(key)) rest[key] = node[key]
      this.visit(acc, { ptr: slot.ptr, node: { $ref: node.$ref } })
      this.mergePart(acc, slot, rest)
      return
    }
    const content = this.view.content(slot)
    if (content !== slot) acc.parts.push(content)
    const node = isObject(content.node) ? content.node : {}
    const visited = acc.visited as Set<unknown>
    if (visited.has(node)) return
    visited.add(node)
    acc.first ??= content
    this.mergePart(acc, content, node)
    if (Array.isArray(node.allOf)) {
      node.allOf.forEach((part, index) =>
        this.visit(acc, new ChildSlot(part, content, 'allOf', index)),
      )
    }
  }

  private mergePart(acc: Accumulator, owner: Located, node: JsonObject): void {
    const type = node.type
    if (type !== undefined) {
      const list = (Array.isArray(type) ? type : [type]).filter(
        (t): t is JsonType => typeof t === 'string' && TYPES.has(t),
      )
      const own = new Set(list.filter((t) => t !== 'null'))
      if (list.includes('null') || node.nullable === true) acc.nullable = true
      acc.types = acc.types ? intersectTypes(acc.types, own) : own
    } else if (node.nullable === true) {
      acc.nullable = true
    }
    if (typeof node.format === 'string') acc.format ??= node.format
    if (Array.isArray(node.enum)) {
      const values = new Map<string, unknown>()
      for (const value of node.enum) {
        if (value === null) acc.nullable = true
        else values.set(JSON.stringify(value), value)
      }
      acc.enum = acc.enum ? new Map([...acc.enum].filter(([key]) => values.has(key))) : values
    }
    if (Array.isArray(node['x-extensible-enum']) && !acc.extensibleEnum) {
      acc.extensibleEnum = new Map(
        node['x-extensible-enum'].map((value) => [JSON.stringify(value), value]),
      )
    }
    if ('const' in node) {
      if (node.const === null) acc.nullable = true
      acc.const ??= { value: node.const }
    }
    if (Array.isArray(node.required))
      for (const name of node.required) if (typeof name === 'string') acc.addRequired(name)
    if (isObject(node.properties)) {
      for (const [name, schema] of Object.entries(node.properties)) {
        acc.addProperty(name, new ChildSlot(schema, owner, 'properties', name))
      }
    }
    const extra = node.additionalProperties
    if (extra === false) acc.additionalProperties = 'none'
    else if (isObject(extra) && acc.additionalProperties !== 'none') {
      const slot = new ChildSlot(extra, owner, 'additionalProperties')
      acc.additionalProperties =
        acc.additionalProperties === 'any' ? [slot] : [...acc.additionalProperties, slot]
    }
    if (node.items !== undefined && !Array.isArray(node.items)) {
      const slot = new ChildSlot(node.items, owner, 'items')
      acc.items = acc.items ? [...acc.items, slot] : [slot]
    }
    this.mergeBounds(acc, node)
    if (typeof node.multipleOf === 'number') acc.multipleOf ??= node.multipleOf
    if (typeof node.pattern === 'string' && !isMatchAnything(node.pattern))
      acc.pattern ??= node.pattern
    if (node.uniqueItems === true) acc.uniqueItems = true
    if (node.readOnly === true) acc.readOnly = true
    if (node.writeOnly === true) acc.writeOnly = true
    if (node.deprecated === true) acc.deprecated = true
    if (Array.isArray(node.oneOf) && !acc.oneOf)
      acc.oneOf = node.oneOf.map((variant, i) => new ChildSlot(variant, owner, 'oneOf', i))
    if (Array.isArray(node.anyOf) && !acc.anyOf)
      acc.anyOf = node.anyOf.map((variant, i) => new ChildSlot(variant, owner, 'anyOf', i))
    if (node.not !== undefined) acc.not ??= new ChildSlot(node.not, owner, 'not')
    if (
      isObject(node.discriminator) &&
      typeof node.discriminator.propertyName === 'string' &&
      !acc.discriminator
    ) {
      const mapping = new Map<string, string>()
      for (const [value, target] of Object.entries(
        isObject(node.discriminator.mapping) ? node.discriminator.mapping : {},
      )) {
        if (typeof target === 'string') mapping.set(value, target)
      }
      acc.discriminator = { propertyName: node.discriminator.propertyName, mapping }
    }
    if ('default' in node) acc.default ??= { value: node.default }
    if (typeof node.title === 'string') acc.title ??= node.title
  }

  private mergeBounds(acc: Accumulator, node: JsonObject): void {
    const tighter = (keyword: BoundKeyword, bound: Bound, upper: boolean) => {
      const old = acc.bounds[keyword]
      if (!old) acc.bounds[keyword] = bound
      else if (upper ? bound.value < old.value : bound.value > old.value)
        acc.bounds[keyword] = bound
    }
    // 3.0 writes exclusiveness as a boolean beside the bound, 3.1 as the bound itself.
    if (typeof node.maximum === 'number')
      tighter('maximum', { value: node.maximum, exclusive: node.exclusiveMaximum === true }, true)
    if (typeof node.exclusiveMaximum === 'number')
      tighter('maximum', { value: node.exclusiveMaximum, exclusive: true }, true)
    if (typeof node.minimum === 'number')
      tighter('minimum', { value: node.minimum, exclusive: node.exclusiveMinimum === true }, false)
    if (typeof node.exclusiveMinimum === 'number')
      tighter('minimum', { value: node.exclusiveMinimum, exclusive: true }, false)
    for (const keyword of NUMERIC_BOUNDS) {
      const value = node[keyword]
      if (typeof value === 'number')
        tighter(keyword, { value, exclusive: false }, keyword.startsWith('max'))
    }
  }

  /**
   * `anyOf: [X, {type: 'null'}]` is how 3.1 (and some 3.0 documents) say "nullable X": fold
   * the null variants away so it compares equal to `X` with `nullable: true`.
   */
  private foldNullVariants(acc: Accumulator): void {
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const variants = acc[keyword]
      if (!variants) continue
      const rest = variants.filter((variant) => !this.isNullSchema(variant))
      if (rest.length === variants.length) continue
      acc.nullable = true
      if (rest.length === 1 && rest[0]) {
        acc[keyword] = undefined
        this.visit(acc, rest[0])
      } else {
        acc[keyword] = rest
      }
    }
  }

  private isNullSchema(slot: Located): boolean {
    const node = this.view.content(slot).node
    if (!isObject(node)) return false
    if (node.type === 'null') return true
    if (Array.isArray(node.type) && node.type.length === 1 && node.type[0] === 'null') return true
    return Array.isArray(node.enum) && node.enum.length === 1 && node.enum[0] === null
  }

  private finish(acc: SchemaShape): NormalizedSchema {
    // A schema with properties but no type is an object in practice; say so, so adding
    // `type: object` later is not reported as a narrowing.
    acc.hasOwnShape =
      acc.types !== undefined ||
      acc.properties.size > 0 ||
      acc.items !== undefined ||
      acc.enum !== undefined ||
      acc.const !== undefined
    if (!acc.types && (acc.properties.size > 0 || acc.additionalProperties !== 'any'))
      acc.types = new Set(['object'])
    else if (!acc.types && acc.items) acc.types = new Set(['array'])
    // `allOf: [{$ref: X}, {nullable: true}]` is the 3.0 idiom for a nullable X: any part
    // that allows null (already folded into `nullable`) makes the whole allow it.
    acc.visited = undefined
    return acc
  }
}

function intersectTypes(a: ReadonlySet<JsonType>, b: ReadonlySet<JsonType>): Set<JsonType> {
  const out = new Set<JsonType>()
  for (const t of a) {
    if (b.has(t)) out.add(t)
    else if (t === 'integer' && b.has('number')) out.add('integer')
  }
  for (const t of b) if (t === 'integer' && a.has('number')) out.add('integer')
  return out
}

/** Patterns that accept every string say nothing; treat them as absent. */
function isMatchAnything(pattern: string): boolean {
  const core = pattern.replace(/^\^/, '').replace(/\$$/, '')
  return core === '' || core === '.*' || core === '(.*)'
}
