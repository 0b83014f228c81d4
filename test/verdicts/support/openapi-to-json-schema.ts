/**
 * OpenAPI schemas rewritten as JSON Schema 2020-12, for a generator (json-schema-faker) and a
 * validator (Ajv) that know nothing of OpenAPI. Only the data allowed changes meaning in one
 * place: maps are told to have keys, so that generated maps vary instead of always being `{}`.
 */
export interface ConvertedSchemas {
  /** Every component schema, converted, to put under `$defs` of a root. */
  defs: Record<string, unknown>
  /** A root schema for one response: the converted schema with the components beside it. */
  root(schema: unknown): Record<string, unknown>
}

export interface ConvertOptions {
  /**
   * Give every map (an object with `additionalProperties` and no `properties`) one to three
   * keys. A generator otherwise leaves maps empty; a test alternates both kinds of answers.
   */
  fillMaps?: boolean
}

const COMPONENT_REF = '#/components/schemas/'

/** OpenAPI-only keywords with no JSON Schema meaning (dropped so a strict reader does not trip). */
const OPENAPI_ONLY = new Set(['nullable', 'discriminator', 'xml', 'externalDocs', 'example'])

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isMap(schema: Record<string, unknown>): boolean {
  const extra = schema.additionalProperties
  return (
    (extra === true || isRecord(extra)) &&
    (!isRecord(schema.properties) || Object.keys(schema.properties).length === 0)
  )
}

/**
 * Converts one schema: `nullable: true` (3.0) becomes a `null` alternative, component refs point
 * into `$defs`, boolean `exclusiveMinimum`/`exclusiveMaximum` (3.0) become numbers. 3.1 schemas
 * (`type: [T, "null"]`) pass through unchanged.
 */
export function convertSchema(schema: unknown, options: ConvertOptions = {}): unknown {
  if (Array.isArray(schema)) return schema.map((item) => convertSchema(item, options))
  if (!isRecord(schema)) return schema
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) {
    if (OPENAPI_ONLY.has(key) || key.startsWith('x-')) continue
    if (key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_REF)) {
      out.$ref = `#/$defs/${value.slice(COMPONENT_REF.length)}`
    } else if (key === 'properties' && isRecord(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, convertSchema(child, options)]),
      )
    } else if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && value === true) {
      const bound = key === 'exclusiveMinimum' ? 'minimum' : 'maximum'
      if (typeof schema[bound] === 'number') out[key] = schema[bound]
    } else if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && value === false) {
      continue
    } else {
      out[key] = convertSchema(value, options)
    }
  }
  if (typeof out.exclusiveMinimum === 'number') delete out.minimum
  if (typeof out.exclusiveMaximum === 'number') delete out.maximum
  if (options.fillMaps && isMap(out)) {
    out.minProperties = Math.max(1, Number(out.minProperties ?? 0))
    out.maxProperties = Math.max(out.minProperties as number, Number(out.maxProperties ?? 3))
  }
  if (schema.nullable !== true) return out
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null']
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null]
    return out
  }
  return { anyOf: [out, { type: 'null' }] }
}

/** Converts a document's component schemas once; {@link ConvertedSchemas.root} per response. */
export function convertDocumentSchemas(
  document: Record<string, unknown>,
  options: ConvertOptions = {},
): ConvertedSchemas {
  const components = isRecord(document.components) ? document.components : {}
  const schemas = isRecord(components.schemas) ? components.schemas : {}
  const defs = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name, convertSchema(schema, options)]),
  )
  return {
    defs,
    root(schema) {
      const converted = convertSchema(schema, options)
      return { ...(isRecord(converted) ? converted : {}), $defs: defs }
    },
  }
}
