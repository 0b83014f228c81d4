import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  CONFIG_SCHEMA_URL,
  CONTRACT_SCHEMA_URL,
  DEFAULT_ALERTS,
  DEFAULT_CONFIG_PATHS,
  DEFAULT_RETENTION,
  DEFAULT_FRESHNESS,
  DEFAULT_PROBE,
} from '../../src/contracts/index.js'

interface SchemaNode {
  $ref?: string
  description?: string
  default?: unknown
  properties?: Record<string, SchemaNode>
  definitions?: Record<string, SchemaNode>
}

const contractSchema = JSON.parse(readFileSync(CONTRACT_SCHEMA_URL, 'utf8')) as SchemaNode
const configSchema = JSON.parse(readFileSync(CONFIG_SCHEMA_URL, 'utf8')) as SchemaNode

function resolveRef(node: SchemaNode): SchemaNode {
  const name = /#\/definitions\/(\w+)$/.exec(node.$ref ?? '')?.[1]
  return name ? contractSchema.definitions![name]! : node
}

/** Every field path whose schema (or the definition it points to) lacks a description. */
function findUndescribed(node: SchemaNode, path: string): string[] {
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
    const target = resolveRef(child)
    const own = (child.description ?? target.description) ? [] : [`${path}${key}`]
    return [...own, ...findUndescribed(target, `${path}${key}.`)]
  })
}

function defaultsOf(node: SchemaNode): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(node.properties ?? {}).flatMap(([key, child]) =>
      'default' in child ? [[key, child.default]] : [],
    ),
  )
}

describe('the published schemas', () => {
  it('describe every field, so editors can show help', () => {
    expect(findUndescribed(contractSchema, '')).toEqual([])
    expect(findUndescribed(configSchema, '')).toEqual([])
  })

  it('announce the same defaults the loader applies', () => {
    const definitions = contractSchema.definitions!
    expect(defaultsOf(definitions.probe!)).toEqual(DEFAULT_PROBE)
    expect(defaultsOf(definitions.alerts!)).toEqual(DEFAULT_ALERTS)
    expect(contractSchema.properties!.freshness!.default).toBe(DEFAULT_FRESHNESS)
    expect(defaultsOf(configSchema)).toEqual({
      ...DEFAULT_CONFIG_PATHS,
      retention: DEFAULT_RETENTION,
    })
  })
})
