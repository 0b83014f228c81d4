import { isObject } from './document-view.js'
import {
  collectOperations,
  matchOperations,
  serverPathPrefix,
  type OperationEntry,
} from './collect-operations.js'
import { compareParameters } from './compare-parameters.js'
import { compareRequestBodies } from './compare-request-body.js'
import { compareResponses } from './compare-responses.js'
import { compareOperationSecurity } from './compare-security.js'
import type { CompareContext, DraftChange } from './draft-change.js'
import type { OperationComparison } from './operation-comparison.js'
import { isBeforeSunset, isUnstable, stabilityRank, sunsetOf } from './sunset.js'

const STABILITY_NAMES = ['draft', 'alpha', 'beta', 'stable']

/** Compares every operation of the two documents; schema sites are left in `ctx.sites`. */
export function compareOperations(ctx: CompareContext): { base: OperationEntry[] } {
  const baseOps = collectOperations(ctx.base)
  const revOps = collectOperations(ctx.rev)
  const { pairs, removed, added } = matchOperations(baseOps, revOps)
  for (const op of removed) reportRemoved(ctx, op)
  for (const op of added) {
    ctx.changes.push({
      rule: op.webhook ? 'webhook-added' : 'endpoint-added',
      operation: op.label,
      revPtr: op.ptr,
      details: { value: op.path },
      impact: { kind: 'none' },
    })
  }
  for (const [base, rev] of pairs) compareOperation(ctx, base, rev)
  return { base: baseOps }
}

function reportRemoved(ctx: CompareContext, op: OperationEntry): void {
  const change = {
    operation: op.label,
    basePtr: op.ptr,
    impact: { kind: 'operation', op: op.label } as const,
  }
  if (op.webhook) {
    ctx.changes.push({ rule: 'webhook-removed', ...change, details: { value: op.path } })
    return
  }
  const sunset = sunsetOf(op.node)
  let rule = 'endpoint-removed'
  if (op.node.deprecated === true) {
    if (sunset === undefined) rule = 'endpoint-removed-without-sunset'
    else
      rule =
        isBeforeSunset(sunset, ctx.now) === false
          ? 'endpoint-removed-after-sunset'
          : 'endpoint-removed-before-sunset'
  }
  ctx.changes.push({
    rule,
    ...change,
    details: { value: sunset ?? '' },
    capSeverity: isUnstable(op.node) ? 'warning' : undefined,
  })
}

function compareOperation(ctx: CompareContext, base: OperationEntry, rev: OperationEntry): void {
  const capSeverity = isUnstable(base.node) ? 'warning' : undefined
  const emit = (change: Omit<DraftChange, 'operation'>) =>
    ctx.changes.push({ ...change, operation: base.label, capSeverity })
  const pointers = { basePtr: base.ptr, revPtr: rev.ptr }
  const impact = { kind: 'operation', op: base.label } as const
  // Matched without the prefix: the full path moved. (A prefix moved into `paths` keeps the key.)
  if (base.key !== rev.key) {
    emit({
      rule: 'endpoint-path-prefix-changed',
      ...pointers,
      details: { from: base.prefix || '/', to: rev.prefix || '/' },
      impact,
    })
  }
  const wasDeprecated = base.node.deprecated === true
  const isDeprecated = rev.node.deprecated === true
  const baseSunset = sunsetOf(base.node)
  const revSunset = sunsetOf(rev.node)
  if (!wasDeprecated && isDeprecated) {
    emit({
      rule: revSunset ? 'endpoint-deprecated-with-sunset' : 'endpoint-deprecated',
      ...pointers,
      details: { value: revSunset ?? '' },
      impact,
    })
  } else if (wasDeprecated && !isDeprecated) {
    emit({ rule: 'endpoint-reactivated', ...pointers, details: {}, impact })
  }
  if (baseSunset !== revSunset) {
    const earlier = baseSunset && revSunset && Date.parse(revSunset) < Date.parse(baseSunset)
    emit({
      rule: earlier && isDeprecated ? 'endpoint-sunset-moved-earlier' : 'endpoint-sunset-changed',
      ...pointers,
      details: { from: baseSunset ?? 'none', to: revSunset ?? 'none' },
      impact,
    })
  }
  const baseRank = stabilityRank(base.node)
  const revRank = stabilityRank(rev.node)
  if (baseRank !== undefined && revRank !== undefined && revRank < baseRank) {
    // The cap does not apply to this one: it is the news that the operation became unstable.
    ctx.changes.push({
      rule: 'endpoint-stability-decreased',
      operation: base.label,
      ...pointers,
      details: { from: STABILITY_NAMES[baseRank] ?? '', to: STABILITY_NAMES[revRank] ?? '' },
      impact,
    })
  }
  const baseId = base.node.operationId
  const revId = rev.node.operationId
  if (typeof baseId === 'string' && typeof revId === 'string' && baseId !== revId) {
    emit({
      rule: 'endpoint-operation-id-changed',
      ...pointers,
      details: { from: baseId, to: revId },
      impact: { kind: 'none' },
    })
  }
  const cmp: OperationComparison = { ctx, base, rev, emit, capSeverity }
  compareParameters(cmp)
  compareRequestBodies(cmp)
  compareResponses(cmp)
  if (!base.webhook) compareOperationSecurity(base, rev, emit)
}

/** Compares the document's own server list; path-prefix moves are reported per operation. */
export function compareServers(ctx: CompareContext): void {
  const urls = (root: Record<string, unknown>) =>
    (Array.isArray(root.servers) ? root.servers : []).filter(isObject).map((server, index) => ({
      url: typeof server.url === 'string' ? server.url : '',
      prefix: serverPathPrefix(server),
      ptr: `/servers/${index}`,
    }))
  const base = urls(ctx.base.root)
  const rev = urls(ctx.rev.root)
  for (const server of base) {
    if (!rev.some((other) => other.url === server.url)) {
      ctx.changes.push({
        rule: 'server-removed',
        basePtr: server.ptr,
        revPtr: '/servers',
        details: { value: server.url },
        impact: { kind: 'none' },
      })
    }
  }
  for (const server of rev) {
    if (!base.some((other) => other.url === server.url)) {
      ctx.changes.push({
        rule: 'server-added',
        basePtr: '/servers',
        revPtr: server.ptr,
        details: { value: server.url },
        impact: { kind: 'none' },
      })
    }
  }
}
