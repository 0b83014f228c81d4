import { isObject, type JsonObject } from './document-view.js'
import type { ImpactScope } from './draft-change.js'
import type { ParameterEntry } from './collect-operations.js'
import { schemaOrContentSchema } from './media-types.js'
import { addSchemaSite, type OperationComparison } from './operation-comparison.js'
import { isBeforeSunset, sunsetOf } from './sunset.js'

function defaultStyle(location: string): string {
  return location === 'query' || location === 'cookie' ? 'form' : 'simple'
}

function styleOf(param: JsonObject): string {
  return typeof param.style === 'string' ? param.style : defaultStyle(String(param.in))
}

function explodeOf(param: JsonObject): boolean {
  return typeof param.explode === 'boolean' ? param.explode : styleOf(param) === 'form'
}

function mediaTypeOf(param: ParameterEntry): string | undefined {
  return isObject(param.node.content) ? Object.keys(param.node.content)[0] : undefined
}

/** Compares the effective parameters of two matched operations. */
export function compareParameters(cmp: OperationComparison): void {
  const { ctx, base, rev, emit } = cmp
  const revByKey = new Map(rev.parameters.map((param) => [param.key, param]))
  const baseKeys = new Set(base.parameters.map((param) => param.key))
  const op = base.label
  for (const b of base.parameters) {
    const details = { name: b.name, location: b.in }
    const present: ImpactScope = { kind: 'parameter', op, in: b.in, name: b.name }
    const r = revByKey.get(b.key)
    if (!r) {
      const sunset = sunsetOf(b.node)
      // Without today's date a promised sunset cannot be shown to have passed.
      const early =
        b.node.deprecated === true &&
        sunset !== undefined &&
        isBeforeSunset(sunset, ctx.now) !== false
      emit({
        rule: early ? 'request-parameter-removed-before-sunset' : 'request-parameter-removed',
        basePtr: b.ptr,
        details: { ...details, value: sunset ?? '' },
        impact: present,
      })
      continue
    }
    const pointers = { basePtr: b.ptr, revPtr: r.ptr }
    const required = (p: ParameterEntry) => p.in === 'path' || p.node.required === true
    if (required(b) !== required(r)) {
      // A newly required parameter breaks every call that lacks it, recorded with it or not.
      emit({
        rule: required(r)
          ? 'request-parameter-became-required'
          : 'request-parameter-became-optional',
        ...pointers,
        details,
        impact: required(r) ? { kind: 'operation', op } : present,
      })
    }
    if (styleOf(b.node) !== styleOf(r.node)) {
      emit({
        rule: 'request-parameter-style-changed',
        ...pointers,
        details: { ...details, from: styleOf(b.node), to: styleOf(r.node) },
        impact: present,
      })
    } else if (explodeOf(b.node) !== explodeOf(r.node)) {
      emit({
        rule: 'request-parameter-explode-changed',
        ...pointers,
        details: { ...details, from: String(explodeOf(b.node)), to: String(explodeOf(r.node)) },
        impact: present,
      })
    }
    if (b.node.allowEmptyValue === true && r.node.allowEmptyValue !== true) {
      emit({
        rule: 'request-parameter-empty-value-disallowed',
        ...pointers,
        details,
        impact: present,
      })
    }
    if ((b.node.deprecated === true) !== (r.node.deprecated === true)) {
      emit({
        rule:
          r.node.deprecated === true
            ? 'request-parameter-deprecated'
            : 'request-parameter-reactivated',
        ...pointers,
        details,
        impact: present,
      })
    }
    const baseMedia = mediaTypeOf(b)
    const revMedia = mediaTypeOf(r)
    if (baseMedia && revMedia && baseMedia.toLowerCase() !== revMedia.toLowerCase()) {
      emit({
        rule: 'request-parameter-media-type-changed',
        ...pointers,
        details: { ...details, from: baseMedia, to: revMedia },
        impact: present,
      })
    }
    addSchemaSite(
      cmp,
      { where: `${b.in} parameter ${b.name}`, root: 'parameter', side: 'request', impact: present },
      schemaOrContentSchema(b),
      schemaOrContentSchema(r),
    )
  }
  for (const r of rev.parameters) {
    if (baseKeys.has(r.key)) continue
    const required = r.in === 'path' || r.node.required === true
    emit({
      rule: required ? 'request-parameter-added-required' : 'request-parameter-added-optional',
      basePtr: base.ptr,
      revPtr: r.ptr,
      details: { name: r.name, location: r.in },
      impact: { kind: 'operation', op },
    })
  }
}
