import type { HttpInteraction } from '../model/interaction.js'
import { compareOperations, compareServers } from './compare/compare-operations.js'
import { SchemaComparison } from './compare/compare-schemas.js'
import { compareSecuritySchemes } from './compare/compare-security.js'
import { DocumentView } from './compare/document-view.js'
import type { CompareContext, DraftChange } from './compare/draft-change.js'
import { SchemaNormalizer } from './compare/normalize-schema.js'
import { placeSchemaChanges } from './compare/place-schema-changes.js'
import { findUnchangedComponents } from './compare/unchanged-components.js'
import { createImpactAssessor } from './impact/assess-impact.js'
import type { LoadedSpec } from './loaded-spec.js'
import { getRule } from './rules/catalogue.js'
import { renderMessage } from './rules/rule-definition.js'
import {
  compareSeverity,
  type ChangeSeverity,
  type DiffResult,
  type SpecChange,
} from './spec-change.js'

export interface DiffOptions {
  /**
   * Recorded interactions. When given, every change gets `affectsInteractions`: whether it
   * touches an operation they use (and, below a body, a field their bodies hold).
   */
  interactions?: readonly HttpInteraction[]
  /**
   * Today, to compare `x-sunset` dates with. Default: none, so removing a deprecated
   * operation or parameter is never called "before its sunset".
   */
  now?: Date
}

function severityOf(change: DraftChange): ChangeSeverity {
  const severity = getRule(change.rule).severity
  return change.capSeverity && severity === 'breaking' ? change.capSeverity : severity
}

/**
 * A response change the document rates a warning (an optional property removed, an enum
 * value added) breaks a consumer that reads the field: it was built for what it saw there.
 * Unknown extra keys are the one exception: a reader of the listed fields ignores them.
 */
function isEscalated(rule: string): boolean {
  return rule.startsWith('response-') && !rule.endsWith('-additional-properties-allowed')
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function compareChanges(a: SpecChange, b: SpecChange): number {
  return (
    compareSeverity(a.severity, b.severity) ||
    compareText(a.operation ?? '', b.operation ?? '') ||
    compareText(a.rule, b.rule) ||
    compareText(a.message, b.message)
  )
}

/**
 * Compares two loaded OpenAPI documents and classifies every difference by rule. Pure: no
 * I/O, no clock (pass `now`).
 *
 * @example
 * const result = diffSpecs(await loadSpec('v1.yaml'), await loadSpec('v2.yaml'))
 * result.summary.breaking // 2
 */
export function diffSpecs(
  base: LoadedSpec,
  revision: LoadedSpec,
  options: DiffOptions = {},
): DiffResult {
  const baseView = new DocumentView(base.document as Record<string, unknown>)
  const revView = new DocumentView(revision.document as Record<string, unknown>)
  const baseNormalizer = new SchemaNormalizer(baseView)
  const ctx: CompareContext = {
    base: baseView,
    rev: revView,
    schemas: new SchemaComparison(
      baseNormalizer,
      new SchemaNormalizer(revView),
      findUnchangedComponents(baseView.root, revView.root),
    ),
    now: options.now,
    changes: [],
    sites: [],
  }
  const { base: baseOperations } = compareOperations(ctx)
  compareServers(ctx)
  compareSecuritySchemes(ctx)
  ctx.schemas.complete()
  const drafts = [...ctx.changes, ...placeSchemaChanges(ctx.sites)]
  const affects = options.interactions
    ? createImpactAssessor(baseView, baseNormalizer, baseOperations, options.interactions)
    : undefined
  const changes = drafts.map((draft): SpecChange => {
    const rule = getRule(draft.rule)
    const text = renderMessage(rule.message, draft.details)
    const impact = affects?.(draft.impact)
    const severity = severityOf(draft)
    const escalated = impact === 'read' && severity === 'warning' && isEscalated(draft.rule)
    const message = draft.where ? `${draft.where}: ${text}` : text
    return {
      rule: draft.rule,
      severity: escalated ? 'breaking' : severity,
      ...(draft.operation ? { operation: draft.operation } : {}),
      path: {
        ...(draft.basePtr !== undefined ? { base: draft.basePtr } : {}),
        ...(draft.revPtr !== undefined ? { revision: draft.revPtr } : {}),
      },
      message: escalated
        ? `${message} (a warning in general, breaking for this integration: its recorded responses read this field)`
        : message,
      ...(impact ? { affectsInteractions: impact !== 'none' } : {}),
    }
  })
  changes.sort(compareChanges)
  const summary = { breaking: 0, warning: 0, info: 0 }
  for (const change of changes) summary[change.severity]++
  const problems = [
    ...base.problems.map((message) => ({ document: 'base' as const, message })),
    ...revision.problems.map((message) => ({ document: 'revision' as const, message })),
  ]
  return { base: base.source, revision: revision.source, summary, changes, problems }
}
