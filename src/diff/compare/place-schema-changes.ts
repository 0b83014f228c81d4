import { schemaRuleId } from '../rules/catalogue.js'
import { SCHEMA_CHANGE_KINDS, type SchemaArea } from '../rules/schema-rules.js'
import type { SchemaChangeRecord, SchemaPair } from './compare-schemas.js'
import type { DraftChange, ImpactScope, SchemaSite } from './draft-change.js'

const KIND_SUBJECTS = new Map(SCHEMA_CHANGE_KINDS.map((kind) => [kind.name, kind.subject]))

function appendField(path: string, segment: string): string {
  if (segment === '') return path
  if (segment === '[]') return `${path}[]`
  return path ? `${path}.${segment}` : segment
}

function areaOf(site: SchemaSite, subject: 'node' | 'property', field: string): SchemaArea {
  if (subject === 'property')
    return site.side === 'request' ? 'request-property' : 'response-property'
  if (site.root === 'parameter') return 'request-parameter'
  if (site.root === 'header') return 'response-header'
  if (field === '') return site.side === 'request' ? 'request-body' : 'response-body'
  return site.side === 'request' ? 'request-property' : 'response-property'
}

interface ReachedChange {
  record: SchemaChangeRecord
  /** Field path from the root schema to the pair that holds the change. */
  field: string
}

/**
 * The changes reachable from a root pair, each once, at the shortest field path that reaches
 * it: a breadth-first walk through the pairs that lead to a change.
 */
function reachChanges(
  root: SchemaPair,
  reachedByRoot: Map<SchemaPair, ReachedChange[]>,
): ReachedChange[] {
  const known = reachedByRoot.get(root)
  if (known) return known
  const out: ReachedChange[] = []
  const seenPairs = new Set<SchemaPair>([root])
  const seenChanges = new Set<string>()
  const queue: { pair: SchemaPair; field: string }[] = [{ pair: root, field: '' }]
  for (let index = 0; index < queue.length; index++) {
    const { pair, field } = queue[index] as { pair: SchemaPair; field: string }
    for (const record of pair.changes) {
      const identity = `${record.kind}|${record.basePtr}|${record.revPtr}|${record.property ?? ''}|${record.details.value ?? ''}`
      if (seenChanges.has(identity)) continue
      seenChanges.add(identity)
      out.push({ record, field })
    }
    for (const edge of pair.edges) {
      if (!edge.pair.dirty || seenPairs.has(edge.pair)) continue
      seenPairs.add(edge.pair)
      queue.push({ pair: edge.pair, field: appendField(field, edge.segment) })
    }
  }
  reachedByRoot.set(root, out)
  return out
}

/**
 * Turns the schema changes reachable from each site into changes of its operation. Many
 * sites share a root (every operation's `default: Error` response), so each root is walked once.
 */
export function placeSchemaChanges(sites: readonly SchemaSite[]): DraftChange[] {
  const reachedByRoot = new Map<SchemaPair, ReachedChange[]>()
  return sites.flatMap((site) =>
    site.pair.dirty ? placeSite(site, reachChanges(site.pair, reachedByRoot)) : [],
  )
}

function placeSite(site: SchemaSite, reached: ReachedChange[]): DraftChange[] {
  return reached.map(({ record, field }): DraftChange => {
    const subject = KIND_SUBJECTS.get(record.kind) ?? 'node'
    const area = areaOf(site, subject, field)
    const fullField = record.property !== undefined ? appendField(field, record.property) : field
    const impact: ImpactScope =
      site.impact.kind === 'body' ? { ...site.impact, anchor: record.impactPtr } : site.impact
    return {
      rule: schemaRuleId(area, record.kind),
      operation: site.operation,
      basePtr: record.basePtr,
      revPtr: record.revPtr,
      details: { ...record.details, field: fullField },
      where: subject === 'node' && field ? `${site.where}, ${field}` : site.where,
      impact,
      capSeverity: site.capSeverity,
    }
  })
}
