import { isObject, type Located } from './document-view.js'
import { isSameWithUnchangedRefs } from './unchanged-components.js'
import {
  ANY_SCHEMA,
  type Bound,
  type BoundKeyword,
  type JsonType,
  type NormalizedSchema,
  type SchemaNormalizer,
} from './normalize-schema.js'
import type { SchemaSide } from '../rules/schema-rules.js'

/** One schema change found at a pair, before it is placed in an operation. */
export interface SchemaChangeRecord {
  /** A schema change kind name (`type-changed`); the area decides the rule id. */
  kind: string
  basePtr?: string
  revPtr?: string
  details: Record<string, string>
  /** For property kinds: the property's name, appended to the field path. */
  property?: string
  /** The base pointer a recorded body must touch for the change to matter to it. */
  impactPtr?: string
}

/**
 * A base schema and the revision schema it is compared with, on one side. Pairs form a graph
 * (properties, items, variants are edges), memoised by the two schemas' pointers, so shared
 * components are compared once and a circular schema closes a loop instead of recursing.
 */
export interface SchemaPair {
  side: SchemaSide
  baseSlots: readonly Located[]
  revSlots: readonly Located[]
  base: NormalizedSchema
  rev: NormalizedSchema
  changes: SchemaChangeRecord[]
  /** `segment` is the field-path step: a property name, `[]` for items, `*` for map values, `` for a variant. */
  edges: { segment: string; pair: SchemaPair }[]
  parents: SchemaPair[]
  /** Whether a change is reachable from this pair. */
  dirty: boolean
}

const FORMAT_WIDENINGS = new Set([
  'int32>int64',
  'float>double',
  'int32>double',
  'float>number',
  'int64>number',
  'int32>number',
])
const MAX_BOUNDS: BoundKeyword[] = ['maximum', 'maxLength', 'maxItems', 'maxProperties']
const MIN_BOUNDS: BoundKeyword[] = ['minimum', 'minLength', 'minItems', 'minProperties']
const ENUM_VALUES_SHOWN = 8

/** Builds and evaluates the schema pair graph of one diff. */
export class SchemaComparison {
  // Normalised schemas are memoised, so their identity stands for their pointers.
  private readonly pairs = {
    request: new Map<NormalizedSchema, Map<NormalizedSchema, SchemaPair>>(),
    response: new Map<NormalizedSchema, Map<NormalizedSchema, SchemaPair>>(),
  }
  private readonly all: SchemaPair[] = []
  private readonly queue: SchemaPair[] = []

  /**
   * @param unchangedRefs refs of component schemas known to be the same in both documents
   * (see `findUnchangedComponents`): a schema that refers only to those can be skipped.
   */
  constructor(
    private readonly baseNormalizer: SchemaNormalizer,
    private readonly revNormalizer: SchemaNormalizer,
    private readonly unchangedRefs: ReadonlySet<string> = new Set(),
  ) {}

  /** The pair for two schema slot lists, queued for comparison when new. */
  pair(side: SchemaSide, baseSlots: readonly Located[], revSlots: readonly Located[]): SchemaPair {
    if (this.isUnchanged(baseSlots, revSlots)) return this.unchanged(side, baseSlots, revSlots)
    const base = this.baseNormalizer.normalize(baseSlots)
    const rev = this.revNormalizer.normalize(revSlots)
    let byRev = this.pairs[side].get(base)
    if (!byRev) {
      byRev = new Map()
      this.pairs[side].set(base, byRev)
    }
    const known = byRev.get(rev)
    if (known) return known
    const pair: SchemaPair = {
      side,
      baseSlots,
      revSlots,
      base,
      rev,
      changes: [],
      edges: [],
      parents: [],
      dirty: false,
    }
    byRev.set(rev, pair)
    this.all.push(pair)
    this.queue.push(pair)
    return pair
  }

  /** Whether two slot lists are one schema each, written the same and referring only to unchanged components. */
  private isUnchanged(baseSlots: readonly Located[], revSlots: readonly Located[]): boolean {
    if (baseSlots.length !== 1 || revSlots.length !== 1) return false
    const baseNode = (baseSlots[0] as Located).node
    const revNode = (revSlots[0] as Located).node
    return (
      baseNode !== ANY_SCHEMA &&
      revNode !== ANY_SCHEMA &&
      isSameWithUnchangedRefs(baseNode, revNode, this.unchangedRefs)
    )
  }

  /** Stands for every unchanged schema, so that it is normalised once, not once a pair. */
  private emptySchema: NormalizedSchema | undefined

  /** A pair known to hold no change: never compared, never linked. */
  private unchanged(
    side: SchemaSide,
    baseSlots: readonly Located[],
    revSlots: readonly Located[],
  ): SchemaPair {
    const empty = (this.emptySchema ??= this.baseNormalizer.normalize([
      { ptr: '', node: ANY_SCHEMA },
    ]))
    return {
      side,
      baseSlots,
      revSlots,
      base: empty,
      rev: empty,
      changes: [],
      edges: [],
      parents: [],
      dirty: false,
    }
  }

  /** Compares every queued pair (and the pairs they reach), then marks the dirty ones. */
  complete(): void {
    for (let index = 0; index < this.queue.length; index++)
      this.comparePair(this.queue[index] as SchemaPair)
    this.queue.length = 0
    const stack = this.all.filter((pair) => pair.changes.length > 0)
    for (const pair of stack) pair.dirty = true
    while (stack.length > 0) {
      const pair = stack.pop() as SchemaPair
      for (const parent of pair.parents) {
        if (!parent.dirty) {
          parent.dirty = true
          stack.push(parent)
        }
      }
    }
  }

  get size(): number {
    return this.all.length
  }

  private link(
    parent: SchemaPair,
    segment: string,
    baseSlots: readonly Located[],
    revSlots: readonly Located[],
  ): void {
    const child = this.pair(parent.side, baseSlots, revSlots)
    if (child.base === child.rev) return
    parent.edges.push({ segment, pair: child })
    child.parents.push(parent)
  }

  private comparePair(pair: SchemaPair): void {
    const { base, rev } = pair
    const add = (
      kind: string,
      details: Record<string, string> = {},
      extra: Partial<SchemaChangeRecord> = {},
    ) => {
      pair.changes.push({
        kind,
        basePtr: base.ptr,
        revPtr: rev.ptr,
        details,
        impactPtr: base.ptr,
        ...extra,
      })
    }
    if (this.compareWrapping(pair, add)) return
    if (base.nullable !== rev.nullable)
      add(rev.nullable ? 'became-nullable' : 'became-not-nullable')
    const typeVerdict = compareTypes(base.types, rev.types)
    if (typeVerdict)
      add(typeVerdict, { from: describeTypes(base.types), to: describeTypes(rev.types) })
    // Incompatible types make every other keyword noise: the values have nothing in common.
    if (typeVerdict === 'type-changed') return
    this.compareFormat(base, rev, add)
    compareEnum(base, rev, add)
    compareExtensibleEnum(base, rev, add)
    compareConst(base, rev, add)
    compareBounds(base, rev, add)
    if (base.multipleOf !== rev.multipleOf) {
      if (rev.multipleOf === undefined)
        add('multiple-of-removed', { from: String(base.multipleOf) })
      else
        add('multiple-of-changed', {
          from: String(base.multipleOf ?? 'none'),
          to: String(rev.multipleOf),
        })
    }
    if (base.pattern !== rev.pattern) {
      if (base.pattern === undefined) add('pattern-added', { to: rev.pattern ?? '' })
      else if (rev.pattern === undefined) add('pattern-removed', { from: base.pattern })
      else add('pattern-changed', { from: base.pattern, to: rev.pattern })
    }
    if (base.uniqueItems !== rev.uniqueItems)
      add(rev.uniqueItems ? 'unique-items-enabled' : 'unique-items-disabled')
    if (base.readOnly !== rev.readOnly)
      add(rev.readOnly ? 'became-read-only' : 'became-not-read-only')
    if (base.writeOnly !== rev.writeOnly)
      add(rev.writeOnly ? 'became-write-only' : 'became-not-write-only')
    if (base.deprecated !== rev.deprecated) add(rev.deprecated ? 'deprecated' : 'reactivated')
    compareDefault(base, rev, add)
    compareDiscriminator(base, rev, add)
    compareNot(base, rev, add)
    this.compareProperties(pair)
    this.compareAdditionalProperties(pair, add)
    if (base.items || rev.items) {
      this.link(
        pair,
        '[]',
        base.items ?? [{ ptr: base.ptr, node: ANY_SCHEMA }],
        rev.items ?? [{ ptr: rev.ptr, node: ANY_SCHEMA }],
      )
    }
    this.compareComposition(pair, 'oneOf', add)
    this.compareComposition(pair, 'anyOf', add)
  }

  private compareFormat(base: NormalizedSchema, rev: NormalizedSchema, add: AddChange): void {
    if (base.format === rev.format) return
    if (base.format === undefined)
      add(isWidestFormat(rev) ? 'format-added-widest' : 'format-added', { to: rev.format ?? '' })
    else if (rev.format === undefined) add('format-removed', { from: base.format })
    else if (FORMAT_WIDENINGS.has(`${base.format}>${rev.format}`))
      add('format-widened', { from: base.format, to: rev.format })
    else add('format-changed', { from: base.format, to: rev.format })
  }

  /**
   * A schema replaced by a oneOf/anyOf that keeps it as a variant (or the reverse): compare the
   * old schema with its best-matching variant instead of reporting every keyword as removed.
   */
  private compareWrapping(pair: SchemaPair, add: AddChange): boolean {
    const { base, rev } = pair
    const baseVariants = base.oneOf ?? base.anyOf
    const revVariants = rev.oneOf ?? rev.anyOf
    if (!baseVariants && revVariants && !rev.hasOwnShape && base.hasOwnShape) {
      const keyword = rev.oneOf ? 'one-of' : 'any-of'
      const alternatives =
        keyword === 'one-of' &&
        this.countVariantsSharingTypes(base, revVariants, this.revNormalizer) === 1
      add(alternatives ? 'wrapped-in-one-of-alternatives' : `wrapped-in-${keyword}`, {
        to: String(revVariants.length),
      })
      // The new variants are what the wrapping means: not reported one by one.
      this.linkVariants(
        pair,
        keyword,
        [pair.baseSlots],
        revVariants.map((v) => withWrapperNullability(v, rev)),
        add,
        {
          removed: false,
          added: false,
        },
      )
      return true
    }
    if (baseVariants && !revVariants && !base.hasOwnShape && rev.hasOwnShape) {
      const keyword = base.oneOf ? 'one-of' : 'any-of'
      this.linkVariants(
        pair,
        keyword,
        baseVariants.map((v) => withWrapperNullability(v, base)),
        [pair.revSlots],
        add,
        {
          removed: true,
          added: false,
        },
      )
      return true
    }
    return false
  }

  /**
   * How many of `variants` could hold a value of `schema`'s types: a variant without a type,
   * or one whose types accept one of them. One means the others are alternatives of other
   * types, so a `oneOf` can never see a value match two of them.
   */
  private countVariantsSharingTypes(
    schema: NormalizedSchema,
    variants: readonly Located[],
    normalizer: SchemaNormalizer,
  ): number {
    const types = schema.types
    if (!types || types.size === 0) return variants.length
    return variants.filter((variant) => {
      const variantTypes = normalizer.normalize([variant]).types
      return !variantTypes || [...types].some((type) => accepts(variantTypes, type))
    }).length
  }

  private compareComposition(pair: SchemaPair, keyword: 'oneOf' | 'anyOf', add: AddChange): void {
    const { base, rev } = pair
    const name = keyword === 'oneOf' ? 'one-of' : 'any-of'
    const baseVariants = base[keyword]
    const revVariants = rev[keyword]
    if (!baseVariants && !revVariants) return
    if (!baseVariants && revVariants) {
      const normalized = revVariants.map((variant) => this.revNormalizer.normalize([variant]))
      const open = normalized.filter((variant) => asksNoMoreThan(variant, base))
      // A oneOf also rejects a value that matches two variants: widening only when every other
      // variant requires a property the old schema did not declare, so no value built to it can.
      const widening =
        keyword === 'anyOf'
          ? open.length > 0
          : open.length === 1 &&
            normalized.every(
              (variant) =>
                open.includes(variant) ||
                [...variant.required].some((name) => !base.properties.has(name)),
            )
      add(widening ? `${name}-added-widening` : `${name}-added`, {
        to: String(revVariants.length),
      })
      return
    }
    if (baseVariants && !revVariants) {
      add(`${name}-removed`, { from: String(baseVariants.length) })
      return
    }
    this.linkVariants(
      pair,
      name,
      (baseVariants ?? []).map((v) => [v]),
      (revVariants ?? []).map((v) => [v]),
      add,
      { removed: true, added: true },
    )
  }

  /**
   * Pairs two lists of variants (see `matchVariants`), compares each pair below `pair`, and
   * reports the variants left over on the sides asked for.
   */
  private linkVariants(
    pair: SchemaPair,
    name: 'one-of' | 'any-of',
    baseVariants: readonly (readonly Located[])[],
    revVariants: readonly (readonly Located[])[],
    add: AddChange,
    report: { removed: boolean; added: boolean },
  ): void {
    const match = matchVariants(this.baseNormalizer, this.revNormalizer, baseVariants, revVariants)
    for (const [b, r] of match.pairs) this.link(pair, '', b, r)
    if (report.removed) {
      for (const removed of match.removed) {
        // Two inline variants merged into one of the same shape (GitHub's labels: strings, or
        // objects with a name → items that are either): compared with it, not called removed.
        // A named component (`$ref: Rabbit`) taken out of the list is removed, whatever its shape.
        const merged = refOf(removed) === undefined && this.findSameShape(removed, revVariants)
        if (merged) {
          this.link(pair, '', removed, merged)
          continue
        }
        add(
          `${name}-variant-removed`,
          { value: this.variantName(this.baseNormalizer, removed) },
          { basePtr: removed[0]?.ptr },
        )
      }
    }
    if (report.added) {
      for (const added of match.added) {
        add(
          `${name}-variant-added`,
          { value: this.variantName(this.revNormalizer, added) },
          { revPtr: added[0]?.ptr },
        )
      }
    }
  }

  /** The revision's variant with the same types and property names as a base variant. */
  private findSameShape(
    baseVariant: readonly Located[],
    revVariants: readonly (readonly Located[])[],
  ): readonly Located[] | undefined {
    const shape = shapeOf(this.baseNormalizer.normalize(baseVariant))
    return revVariants.find((slots) => shapeOf(this.revNormalizer.normalize(slots)) === shape)
  }

  private variantName(normalizer: SchemaNormalizer, slots: readonly Located[]): string {
    const schema = normalizer.normalize(slots)
    const component = /^\/components\/schemas\/([^/]+)$/.exec(schema.ptr)
    if (component?.[1]) return component[1].replace(/~1/g, '/').replace(/~0/g, '~')
    if (schema.title) return schema.title
    return describeTypes(schema.types)
  }

  private compareProperties(pair: SchemaPair): void {
    const { base, rev, side } = pair
    const names = new Set<string>([
      ...base.properties.keys(),
      ...base.required,
      ...rev.properties.keys(),
      ...rev.required,
    ])
    if (names.size === 0) return
    for (const name of names) {
      const baseSlots =
        base.properties.get(name) ??
        (base.required.has(name) ? [{ ptr: base.ptr, node: ANY_SCHEMA }] : undefined)
      const revSlots =
        rev.properties.get(name) ??
        (rev.required.has(name) ? [{ ptr: rev.ptr, node: ANY_SCHEMA }] : undefined)
      // The same schema on both sides (most properties of a changed object): it is hidden on
      // both sides or on neither, and holds no change; only its required flag can matter.
      if (
        baseSlots &&
        revSlots &&
        base.required.has(name) === rev.required.has(name) &&
        this.isUnchanged(baseSlots, revSlots)
      )
        continue
      // A client never sends readOnly properties and never reads writeOnly ones: on that
      // side they do not exist.
      const hidden = (slots: readonly Located[] | undefined, normalizer: SchemaNormalizer) => {
        if (!slots) return true
        const schema = normalizer.normalize(slots)
        return side === 'request' ? schema.readOnly : schema.writeOnly
      }
      const baseHidden = hidden(baseSlots, this.baseNormalizer)
      const revHidden = hidden(revSlots, this.revNormalizer)
      const detail = { name }
      const basePresent = baseSlots !== undefined && !baseHidden
      const revPresent = revSlots !== undefined && !revHidden
      if (!basePresent && !revPresent) continue
      if (!basePresent) {
        if (baseSlots && revSlots) {
          // It existed but was hidden on this side (readOnly in a request): the edge reports
          // the flag; a client must now send it if it is required.
          this.link(pair, name, baseSlots, revSlots)
          if (side === 'request' && rev.required.has(name)) {
            const basePtr = baseSlots[0]?.ptr
            pair.changes.push({
              kind: 'became-required',
              basePtr,
              revPtr: revSlots[0]?.ptr,
              details: detail,
              property: name,
              impactPtr: base.ptr,
            })
          }
          continue
        }
        // New: matters when the parent object is sent or read.
        const kind = rev.required.has(name) ? 'added-required' : 'added-optional'
        pair.changes.push({
          kind,
          revPtr: revSlots?.[0]?.ptr,
          basePtr: base.ptr,
          details: detail,
          property: name,
          impactPtr: base.ptr,
        })
        continue
      }
      if (!revPresent || !baseSlots || !revSlots) {
        if (baseSlots && revSlots) {
          // Became readOnly (request) or writeOnly (response): the edge reports the flag.
          this.link(pair, name, baseSlots, revSlots)
          continue
        }
        const kind =
          side === 'response' && !base.required.has(name) ? 'optional-removed' : 'removed'
        const basePtr = baseSlots?.[0]?.ptr
        pair.changes.push({
          kind,
          basePtr,
          revPtr: rev.ptr,
          details: detail,
          property: name,
          impactPtr: basePtr,
        })
        continue
      }
      const baseRequired = base.required.has(name)
      const revRequired = rev.required.has(name)
      if (baseRequired !== revRequired) {
        const kind = revRequired ? 'became-required' : 'became-optional'
        const basePtr = baseSlots[0]?.ptr
        const revPtr = revSlots[0]?.ptr
        // A newly required request field matters to a client that sends the object at all.
        const impactPtr = side === 'request' && revRequired ? base.ptr : basePtr
        pair.changes.push({ kind, basePtr, revPtr, details: detail, property: name, impactPtr })
      }
      this.link(pair, name, baseSlots, revSlots)
    }
  }

  private compareAdditionalProperties(pair: SchemaPair, add: AddChange): void {
    const { base, rev } = pair
    const b = base.additionalProperties
    const r = rev.additionalProperties
    if (b === 'none' && r !== 'none') add('additional-properties-allowed')
    else if (b !== 'none' && r === 'none') add('additional-properties-disallowed')
    else if (Array.isArray(b) || Array.isArray(r)) {
      const anyBase = [{ ptr: base.ptr, node: ANY_SCHEMA }]
      const anyRev = [{ ptr: rev.ptr, node: ANY_SCHEMA }]
      this.link(pair, '*', Array.isArray(b) ? b : anyBase, Array.isArray(r) ? r : anyRev)
    }
  }
}

type AddChange = (
  kind: string,
  details?: Record<string, string>,
  extra?: Partial<SchemaChangeRecord>,
) => void

function accepts(types: ReadonlySet<JsonType> | undefined, type: JsonType): boolean {
  if (!types) return true
  return types.has(type) || (type === 'integer' && types.has('number'))
}

/** Classifies a type change: undefined when the accepted values are the same. */
export function compareTypes(
  base: ReadonlySet<JsonType> | undefined,
  rev: ReadonlySet<JsonType> | undefined,
): 'type-changed' | 'type-narrowed' | 'type-generalized' | undefined {
  const narrowed = base === undefined ? rev !== undefined : [...base].some((t) => !accepts(rev, t))
  const widened = rev === undefined ? base !== undefined : [...rev].some((t) => !accepts(base, t))
  if (!narrowed && !widened) return undefined
  if (narrowed && widened) return 'type-changed'
  // No value in common (integer values are numbers too): a change, not a narrowing.
  const overlap =
    !base ||
    !rev ||
    [...base].some((t) => accepts(rev, t)) ||
    [...rev].some((t) => accepts(base, t))
  if (!overlap) return 'type-changed'
  return narrowed ? 'type-narrowed' : 'type-generalized'
}

export function describeTypes(types: ReadonlySet<JsonType> | undefined): string {
  if (!types) return 'any'
  if (types.size === 0) return 'nothing'
  return [...types].sort().join(' | ')
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined'
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

function showList(values: unknown[]): string {
  const shown = values.slice(0, ENUM_VALUES_SHOWN).map(show).join(', ')
  return values.length > ENUM_VALUES_SHOWN
    ? `${shown} and ${values.length - ENUM_VALUES_SHOWN} more`
    : shown
}

function compareEnum(base: NormalizedSchema, rev: NormalizedSchema, add: AddChange): void {
  if (!base.enum && !rev.enum) return
  if (!base.enum && rev.enum) {
    add('became-enum', { to: showList([...rev.enum.values()]) })
    return
  }
  if (base.enum && !rev.enum) {
    add('enum-removed', { from: showList([...base.enum.values()]) })
    return
  }
  const b = base.enum as ReadonlyMap<string, unknown>
  const r = rev.enum as ReadonlyMap<string, unknown>
  const removed = [...b].filter(([key]) => !r.has(key)).map(([, value]) => value)
  const added = [...r].filter(([key]) => !b.has(key)).map(([, value]) => value)
  // One change per enum and direction: a clean-up of thousands of values is one event.
  if (removed.length > 0)
    add('enum-value-removed', { value: showList(removed), count: String(removed.length) })
  if (added.length > 0)
    add('enum-value-added', { value: showList(added), count: String(added.length) })
}

function compareExtensibleEnum(
  base: NormalizedSchema,
  rev: NormalizedSchema,
  add: AddChange,
): void {
  const b = base.extensibleEnum ?? new Map<string, unknown>()
  const r = rev.extensibleEnum ?? new Map<string, unknown>()
  if (b.size === 0 && r.size === 0) return
  const removed = [...b].filter(([key]) => !r.has(key)).map(([, value]) => value)
  const added = [...r].filter(([key]) => !b.has(key)).map(([, value]) => value)
  if (removed.length > 0) add('extensible-enum-value-removed', { value: showList(removed) })
  if (added.length > 0) add('extensible-enum-value-added', { value: showList(added) })
}

function compareConst(base: NormalizedSchema, rev: NormalizedSchema, add: AddChange): void {
  if (!base.const && !rev.const) return
  if (!base.const && rev.const) add('const-added', { to: show(rev.const.value) })
  else if (base.const && !rev.const) add('const-removed', { from: show(base.const.value) })
  else if (JSON.stringify(base.const?.value) !== JSON.stringify(rev.const?.value)) {
    add('const-changed', { from: show(base.const?.value), to: show(rev.const?.value) })
  }
}

function boundKeyword(keyword: BoundKeyword, exclusive: boolean): string {
  if (!exclusive) return keyword
  return keyword === 'maximum' ? 'exclusiveMaximum' : 'exclusiveMinimum'
}

function compareBounds(base: NormalizedSchema, rev: NormalizedSchema, add: AddChange): void {
  for (const upper of [true, false]) {
    for (const keyword of upper ? MAX_BOUNDS : MIN_BOUNDS) {
      const b = base.bounds[keyword]
      const r = rev.bounds[keyword]
      const prefix = upper ? 'max' : 'min'
      if (!b && !r) continue
      // A bound dropped or relaxed beside values listed one by one, all within the old bound,
      // widens nothing: Stripe replaced `maxLength: 5000` by an enum of short words.
      if (b && (!r || !isTighter(upper, r, b)) && listsOnlyValuesWithin(rev, keyword, upper, b))
        continue
      if (!b && r)
        add(`${prefix}-added`, { keyword: boundKeyword(keyword, r.exclusive), to: String(r.value) })
      else if (b && !r)
        add(`${prefix}-removed`, {
          keyword: boundKeyword(keyword, b.exclusive),
          from: String(b.value),
        })
      else if (b && r && (b.value !== r.value || b.exclusive !== r.exclusive)) {
        const revTighter = isTighter(upper, r, b)
        const kind = upper
          ? revTighter
            ? 'max-decreased'
            : 'max-increased'
          : revTighter
            ? 'min-increased'
            : 'min-decreased'
        const from = `${b.value}${b.exclusive ? ' (exclusive)' : ''}`
        const to = `${r.value}${r.exclusive ? ' (exclusive)' : ''}`
        add(kind, { keyword, from, to })
      }
    }
  }
}

/** A 3.0 `nullable: true` beside a oneOf/anyOf, copied onto each variant it applies to. */
const NULLABLE_PART: Located['node'] = Object.freeze({ nullable: true }) as Located['node']

/**
 * One variant's slots, with the wrapper's `nullable: true` when it has one: GitHub wrote
 * `{nullable: true, oneOf: [{type: string}, …]}` for what was a nullable string, and the
 * string variant is no less nullable for carrying the keyword one level up.
 */
function withWrapperNullability(variant: Located, wrapper: NormalizedSchema): Located[] {
  return wrapper.nullable ? [variant, { ptr: wrapper.ptr, node: NULLABLE_PART }] : [variant]
}

/** Whether bound `r` lets through less than `b` (an upper bound when `upper`). */
function isTighter(upper: boolean, r: Bound, b: Bound): boolean {
  return upper
    ? r.value < b.value || (r.value === b.value && r.exclusive)
    : r.value > b.value || (r.value === b.value && r.exclusive)
}

/** The size or magnitude a bound keyword limits, or `undefined` where it does not apply. */
function measure(keyword: BoundKeyword, value: unknown): number | undefined {
  if (keyword === 'maximum' || keyword === 'minimum')
    return typeof value === 'number' ? value : undefined
  if (keyword === 'maxLength' || keyword === 'minLength')
    return typeof value === 'string' ? [...value].length : undefined
  if (keyword === 'maxItems' || keyword === 'minItems')
    return Array.isArray(value) ? value.length : undefined
  return isObject(value) ? Object.keys(value).length : undefined
}

/**
 * Whether `schema` allows only values it lists (`enum` or `const`), each of which `bound`
 * (of the other version) accepts, or which it does not concern (a number beside `maxLength`).
 * Then loosening or dropping that bound changes no value that can occur.
 */
function listsOnlyValuesWithin(
  schema: NormalizedSchema,
  keyword: BoundKeyword,
  upper: boolean,
  bound: Bound,
): boolean {
  const values = schema.const ? [schema.const.value] : schema.enum ? [...schema.enum.values()] : []
  if (values.length === 0) return false
  return values.every((value) => {
    const size = measure(keyword, value)
    if (size === undefined) return true
    if (upper) return bound.exclusive ? size < bound.value : size <= bound.value
    return bound.exclusive ? size > bound.value : size >= bound.value
  })
}

function compareDefault(base: NormalizedSchema, rev: NormalizedSchema, add: AddChange): void {
  if (!base.default && !rev.default) return
  if (!base.default && rev.default) add('default-added', { to: show(rev.default.value) })
  else if (base.default && !rev.default) add('default-removed', { from: show(base.default.value) })
  else if (base.default && rev.default && !isSameDefault(base, rev)) {
    add('default-changed', { from: show(base.default.value), to: show(rev.default.value) })
  }
}

/**
 * Whether two defaults mean the same: equal JSON, or one written as a boolean or number
 * where both schemas hold strings (`default: true` on `enum: ["true", "false"]`) and the
 * other is that string. The upstream can only have meant the string.
 */
function isSameDefault(base: NormalizedSchema, rev: NormalizedSchema): boolean {
  const b = base.default?.value
  const r = rev.default?.value
  if (JSON.stringify(b) === JSON.stringify(r)) return true
  const holdsStrings = (schema: NormalizedSchema) =>
    schema.types?.size === 1 && schema.types.has('string')
  if (!holdsStrings(base) || !holdsStrings(rev)) return false
  const scalar = (value: unknown) => typeof value === 'boolean' || typeof value === 'number'
  return (
    (typeof b === 'string' && scalar(r) && String(r) === b) ||
    (typeof r === 'string' && scalar(b) && String(b) === r)
  )
}

/** `int64` on an integer, `double` on a number: the format every such JSON value fits. */
function isWidestFormat(schema: NormalizedSchema): boolean {
  if (schema.types?.size !== 1) return false
  return (
    (schema.types.has('integer') && schema.format === 'int64') ||
    (schema.types.has('number') && schema.format === 'double')
  )
}

/**
 * Whether every value the base schema accepts satisfies a variant: the variant says nothing
 * besides a type the base already has and names the base already requires. Conservative: any
 * other keyword counts as asking more.
 */
function asksNoMoreThan(variant: NormalizedSchema, base: NormalizedSchema): boolean {
  if (variant.types) {
    if (!base.types || [...base.types].some((type) => !accepts(variant.types, type))) return false
    if (base.nullable && !variant.nullable) return false
  }
  for (const name of variant.required) if (!base.required.has(name)) return false
  return (
    variant.properties.size === 0 &&
    variant.additionalProperties === 'any' &&
    !variant.items &&
    !variant.enum &&
    !variant.const &&
    !variant.format &&
    !variant.pattern &&
    variant.multipleOf === undefined &&
    Object.keys(variant.bounds).length === 0 &&
    !variant.uniqueItems &&
    !variant.oneOf &&
    !variant.anyOf &&
    !variant.not &&
    !variant.discriminator
  )
}

function compareDiscriminator(base: NormalizedSchema, rev: NormalizedSchema, add: AddChange): void {
  const b = base.discriminator
  const r = rev.discriminator
  if (!b && !r) return
  if (!b && r) {
    add('discriminator-added', { to: r.propertyName })
    return
  }
  if (b && !r) {
    add('discriminator-removed', { from: b.propertyName })
    return
  }
  if (!b || !r) return
  if (b.propertyName !== r.propertyName)
    add('discriminator-property-changed', { from: b.propertyName, to: r.propertyName })
  for (const value of b.mapping.keys())
    if (!r.mapping.has(value)) add('discriminator-mapping-removed', { value })
  for (const value of r.mapping.keys())
    if (!b.mapping.has(value)) add('discriminator-mapping-added', { value })
}

function compareNot(base: NormalizedSchema, rev: NormalizedSchema, add: AddChange): void {
  const b = base.not ? JSON.stringify(base.not.node) : undefined
  const r = rev.not ? JSON.stringify(rev.not.node) : undefined
  if (b !== r) add('not-changed')
}

/** The `$ref` a variant is, when it is one. */
function refOf(slots: readonly Located[]): string | undefined {
  const node = slots.length === 1 ? slots[0]?.node : undefined
  return isObject(node) && typeof node.$ref === 'string' ? node.$ref : undefined
}

/** A variant's shape, to pair it with another: its types and its property names. */
function shapeOf(schema: NormalizedSchema): string {
  return `${describeTypes(schema.types)}:${[...schema.properties.keys()].sort().join(',')}`
}

/**
 * Pairs the variants of two oneOf/anyOf lists: the same component first, then the same title,
 * then the same shape (types and property names), then the same types, then what is left in
 * order when both sides have the same number left.
 */
export function matchVariants(
  baseNormalizer: SchemaNormalizer,
  revNormalizer: SchemaNormalizer,
  baseVariants: readonly (readonly Located[])[],
  revVariants: readonly (readonly Located[])[],
): {
  pairs: [readonly Located[], readonly Located[]][]
  removed: (readonly Located[])[]
  added: (readonly Located[])[]
} {
  const b = baseVariants.map((slots) => ({
    slots,
    ref: refOf(slots),
    schema: baseNormalizer.normalize(slots),
    used: false,
  }))
  const r = revVariants.map((slots) => ({
    slots,
    ref: refOf(slots),
    schema: revNormalizer.normalize(slots),
    used: false,
  }))
  const pairs: [readonly Located[], readonly Located[]][] = []
  type Variant = (typeof b)[number]
  const shape = shapeOf
  const strategies: ((x: Variant, y: Variant) => boolean)[] = [
    (x, y) => x.ref !== undefined && x.ref === y.ref,
    (x, y) => x.schema.title !== undefined && x.schema.title === y.schema.title,
    (x, y) => shape(x.schema) === shape(y.schema),
    (x, y) => describeTypes(x.schema.types) === describeTypes(y.schema.types),
  ]
  for (const same of strategies) {
    for (const x of b) {
      if (x.used) continue
      const y = r.find((candidate) => !candidate.used && same(x, candidate))
      if (y) {
        x.used = y.used = true
        pairs.push([x.slots, y.slots])
      }
    }
  }
  const restBase = b.filter((x) => !x.used)
  const restRev = r.filter((y) => !y.used)
  if (restBase.length === restRev.length) {
    restBase.forEach((x, i) =>
      pairs.push([x.slots, (restRev[i] as (typeof restRev)[number]).slots]),
    )
    return { pairs, removed: [], added: [] }
  }
  return { pairs, removed: restBase.map((x) => x.slots), added: restRev.map((y) => y.slots) }
}
