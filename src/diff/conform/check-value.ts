import { isObject, type Located } from '../compare/document-view.js'
import type { JsonType, NormalizedSchema, SchemaNormalizer } from '../compare/normalize-schema.js'

/** One place where a value breaks the schema that documents it. */
export interface Violation {
  /** Segments from the checked value's root: `['items', 2, 'id']`. */
  path: (string | number)[]
  /** What the schema allows there, in words: `integer`, `one of "a", "b"`, `a required property`. */
  expected: string
  /** What the value has there, in the same terms: `string`, `"c"`, `nothing`. */
  actual: string
}

/** Deeper than this, a value is taken as allowed: a document's schemas are not that deep. */
const maxDepth = 64

/** The JSON type of a parsed value; a whole number is an `integer`. */
export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number'
    case 'string':
      return 'string'
    case 'boolean':
      return 'boolean'
    default:
      return 'object'
  }
}

function fitsTypes(type: JsonType, types: ReadonlySet<JsonType>): boolean {
  return types.has(type) || (type === 'integer' && types.has('number'))
}

function describeTypes(schema: NormalizedSchema): string {
  const names = [...(schema.types ?? [])]
  if (schema.nullable) names.push('null')
  return names.join(' or ') || 'another value'
}

function showEnum(values: ReadonlyMap<string, unknown>): string {
  const keys = [...values.keys()]
  return `one of ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? `, … (${keys.length})` : ''}`
}

/**
 * `format` is checked loosely: only the formats whose violation a reader would trip on and that
 * real upstreams keep (`date-time`, `date`); a document's `email`, `uri` or vendor formats are
 * hints, and judging by them would turn a sloppy document into false alarms.
 */
function fitsFormat(format: string | undefined, value: string): boolean {
  switch (format) {
    case 'date-time':
      return /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value))
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value)
    default:
      return true
  }
}

/**
 * Nullable forms the normaliser does not fold: Swagger 2.0's `x-nullable`, and 3.0's
 * `nullable: true` written beside a `$ref` (ignored by the letter of 3.0, meant by its authors).
 */
function nullableLoosely(schema: NormalizedSchema): boolean {
  return schema.parts.some(
    (part) =>
      isObject(part.node) && (part.node['x-nullable'] === true || part.node.nullable === true),
  )
}

/**
 * Answers "does this documented schema allow this value?" for the schemas of one loaded
 * document, by JSON Schema's rules read loosely where real documents are loose: `$ref`s
 * followed, `allOf` merged, `oneOf` read as `anyOf`, nullable in its 2.0, 3.0 and 3.1 forms,
 * `format` for dates only, string and number bounds and `pattern` not checked. A property
 * that is `writeOnly` is never required in a response.
 */
export class ValueChecker {
  constructor(private readonly normalizer: SchemaNormalizer) {}

  normalize(slots: readonly Located[]): NormalizedSchema {
    return this.normalizer.normalize(slots)
  }

  /** Whether the schema allows the value. */
  allows(slots: readonly Located[], value: unknown): boolean {
    return this.check(slots, value, [], undefined, 0)
  }

  /** Where the value breaks the schema, up to `limit` places. */
  violations(slots: readonly Located[], value: unknown, limit = 20): Violation[] {
    const out: Violation[] = []
    this.check(slots, value, [], { out, limit }, 0)
    return out
  }

  /** Whether `name` is a property the schema requires in a response. */
  requires(schema: NormalizedSchema, name: string): boolean {
    if (!schema.required.has(name)) return false
    const slots = schema.properties.get(name)
    return !slots || !this.normalizer.normalize(slots).writeOnly
  }

  private check(
    slots: readonly Located[],
    value: unknown,
    path: (string | number)[],
    report: { out: Violation[]; limit: number } | undefined,
    depth: number,
  ): boolean {
    if (depth > maxDepth) return true
    const schema = this.normalizer.normalize(slots)
    const fail = (expected: string, actual: string, at = path): false => {
      if (report && report.out.length < report.limit)
        report.out.push({ path: [...at], expected, actual })
      return false
    }
    const variants = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]
    const type = jsonTypeOf(value)
    if (value === null) {
      if (schema.nullable || nullableLoosely(schema)) return true
      if (schema.types || schema.enum || schema.const) return fail(describeTypes(schema), 'null')
      if (variants.length === 0) return true
      return this.someVariant(variants, value, depth) || fail('one of its variants', 'null')
    }
    if (schema.types && !fitsTypes(type, schema.types)) return fail(describeTypes(schema), type)
    if (schema.enum && !schema.extensibleEnum && !schema.enum.has(JSON.stringify(value)))
      return fail(showEnum(schema.enum), showScalar(value))
    if (schema.const && JSON.stringify(schema.const.value) !== JSON.stringify(value))
      return fail(JSON.stringify(schema.const.value), showScalar(value))
    if (typeof value === 'string' && !fitsFormat(schema.format, value))
      return fail(`a ${schema.format} string`, showScalar(value))
    let ok = true
    if (Array.isArray(value)) {
      const min = schema.bounds.minItems?.value
      const max = schema.bounds.maxItems?.value
      if (min !== undefined && value.length < min)
        ok = fail(`at least ${min} items`, `${value.length} items`)
      if (max !== undefined && value.length > max)
        ok = fail(`at most ${max} items`, `${value.length} items`)
      if (schema.items) {
        for (let i = 0; i < value.length && (ok || report); i++) {
          path.push(i)
          ok = this.check(schema.items, value[i], path, report, depth + 1) && ok
          path.pop()
        }
      }
    } else if (type === 'object') {
      const object = value as Record<string, unknown>
      for (const name of schema.required) {
        if (!Object.hasOwn(object, name) && this.requires(schema, name))
          ok = fail('a required property', 'nothing', [...path, name])
        if (!ok && !report) return false
      }
      for (const key in object) {
        const property = schema.properties.get(key)
        const extra = schema.additionalProperties
        path.push(key)
        if (property) ok = this.check(property, object[key], path, report, depth + 1) && ok
        else if (extra === 'none') ok = fail('no such property', jsonTypeOf(object[key]))
        else if (extra !== 'any') ok = this.check(extra, object[key], path, report, depth + 1) && ok
        path.pop()
        if (!ok && !report) return false
      }
    }
    if (!ok) return false
    if (variants.length > 0 && !this.someVariant(variants, value, depth))
      return fail('one of its variants', type)
    return true
  }

  private someVariant(variants: readonly Located[], value: unknown, depth: number): boolean {
    return variants.some((variant) => this.check([variant], value, [], undefined, depth + 1))
  }
}

function showScalar(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}
