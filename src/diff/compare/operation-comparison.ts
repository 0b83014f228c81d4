import type { OperationEntry } from './collect-operations.js'
import type { Located } from './document-view.js'
import type { CompareContext, DraftChange, ImpactScope, SchemaSite } from './draft-change.js'

/**
 * Two matched operations under comparison, and where their changes go: what every part of an
 * operation (parameters, request body, responses) is compared with.
 */
export interface OperationComparison {
  ctx: CompareContext
  base: OperationEntry
  rev: OperationEntry
  /** Records a change of this operation (its label and severity cap are added). */
  emit: (change: Omit<DraftChange, 'operation'>) => void
  /** Lower breaking schema changes to warnings (an operation marked draft or alpha). */
  capSeverity: 'warning' | undefined
}

/**
 * Queues two schemas of the operation for comparison: their changes are placed in it, at
 * `where`, once the schema graph is complete.
 */
export function addSchemaSite(
  cmp: OperationComparison,
  site: Pick<SchemaSite, 'where' | 'root' | 'side'> & { impact: ImpactScope },
  baseSchema: Located,
  revSchema: Located,
): void {
  cmp.ctx.sites.push({
    operation: cmp.base.label,
    ...site,
    pair: cmp.ctx.schemas.pair(site.side, [baseSchema], [revSchema]),
    capSeverity: cmp.capSeverity,
  })
}

/**
 * Reports every entry of `rev` whose key `base` lacks (a media type, a header): an addition,
 * which touches nothing a recorded interaction uses.
 */
export function reportAdded<K, V extends { ptr: string }>(
  cmp: OperationComparison,
  base: ReadonlyMap<K, unknown>,
  rev: ReadonlyMap<K, V>,
  change: { rule: string; basePtr: string; details: (entry: V) => Record<string, string> },
): void {
  for (const [key, entry] of rev) {
    if (base.has(key)) continue
    cmp.emit({
      rule: change.rule,
      basePtr: change.basePtr,
      revPtr: entry.ptr,
      details: change.details(entry),
      impact: { kind: 'none' },
    })
  }
}
