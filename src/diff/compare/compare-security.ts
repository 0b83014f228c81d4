import { appendPointer } from '../json-pointer.js'
import { entriesOf, isObject, type JsonObject } from './document-view.js'
import type { CompareContext, DraftChange } from './draft-change.js'
import type { OperationEntry } from './collect-operations.js'

/** One alternative of a security requirement: every scheme in it, each with its scopes. */
type Alternative = Map<string, Set<string>>

function alternativesOf(requirements: unknown[] | undefined): Alternative[] {
  // No requirement at all means anonymous access: one empty alternative.
  if (!requirements || requirements.length === 0) return [new Map()]
  return requirements
    .filter(isObject)
    .map(
      (requirement) =>
        new Map(
          Object.entries(requirement).map(([scheme, scopes]) => [
            scheme,
            new Set(
              Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [],
            ),
          ]),
        ),
    )
}

/** The items `need` asks for that `have` lacks: schemes, and scopes of shared schemes. */
function missing(
  have: Alternative,
  need: Alternative,
): { schemes: string[]; scopes: [string, string][] } {
  const schemes: string[] = []
  const scopes: [string, string][] = []
  for (const [scheme, needed] of need) {
    const held = have.get(scheme)
    if (!held) schemes.push(scheme)
    else for (const scope of needed) if (!held.has(scope)) scopes.push([scheme, scope])
  }
  return { schemes, scopes }
}

const size = (m: { schemes: string[]; scopes: [string, string][] }) =>
  m.schemes.length + m.scopes.length
/** How much an alternative asks for: on a tie, the loosest satisfied one shows what was dropped. */
const weight = (alternative: Alternative) =>
  [...alternative.values()].reduce((sum, scopes) => sum + 1 + scopes.size, 0)

/**
 * Compares the security requirements of two matched operations. A client holds the
 * credentials of one base alternative; the change breaks it when no revision alternative is
 * satisfied by those credentials.
 */
export function compareOperationSecurity(
  base: OperationEntry,
  rev: OperationEntry,
  emit: (change: Omit<DraftChange, 'operation'>) => void,
): void {
  const baseAlternatives = alternativesOf(base.security?.requirements)
  const revAlternatives = alternativesOf(rev.security?.requirements)
  const pointers = { basePtr: base.security?.ptr ?? base.ptr, revPtr: rev.security?.ptr ?? rev.ptr }
  const impact = { kind: 'operation', op: base.label } as const
  const seen = new Set<string>()
  const once = (rule: string, details: Record<string, string>) => {
    const id = `${rule}|${details.name ?? ''}|${details.value ?? ''}`
    if (seen.has(id)) return
    seen.add(id)
    emit({ rule, ...pointers, details, impact })
  }
  for (const held of baseAlternatives) {
    const ranked = revAlternatives
      .map((alternative) => ({ alternative, lacks: missing(held, alternative) }))
      .sort(
        (a, b) => size(a.lacks) - size(b.lacks) || weight(a.alternative) - weight(b.alternative),
      )
    const best = ranked[0]
    if (!best) continue
    if (size(best.lacks) > 0) {
      for (const scheme of best.lacks.schemes) once('security-requirement-added', { value: scheme })
      for (const [scheme, scope] of best.lacks.scopes)
        once('security-scope-added', { name: scheme, value: scope })
      continue
    }
    // Satisfied: report what the closest satisfied alternative no longer asks for.
    const loosened = missing(best.alternative, held)
    if (size(loosened) === 0) continue
    for (const scheme of loosened.schemes) once('security-requirement-removed', { value: scheme })
    for (const [scheme, scope] of loosened.scopes)
      once('security-scope-removed', { name: scheme, value: scope })
  }
}

const OAUTH_URLS = ['authorizationUrl', 'tokenUrl', 'refreshUrl'] as const

/** Compares `components.securitySchemes`. */
export function compareSecuritySchemes(ctx: CompareContext): void {
  const schemes = (doc: 'base' | 'rev') => {
    const view = doc === 'base' ? ctx.base : ctx.rev
    const out = new Map<string, { ptr: string; node: JsonObject }>()
    const list = view.at('/components/securitySchemes')
    if (!list) return out
    for (const [name, raw] of entriesOf(list.node)) {
      const scheme = view.resolve<JsonObject>(appendPointer(list.ptr, name), raw)
      if (isObject(scheme.node)) out.set(name, scheme)
    }
    return out
  }
  const base = schemes('base')
  const rev = schemes('rev')
  const emit = (
    rule: string,
    name: string,
    basePtr: string | undefined,
    revPtr: string | undefined,
    details: Record<string, string> = {},
  ) =>
    ctx.changes.push({
      rule,
      basePtr,
      revPtr,
      details: { name, ...details },
      impact: { kind: 'scheme', name },
    })
  for (const [name, b] of base) {
    const r = rev.get(name)
    if (!r) {
      emit('security-scheme-removed', name, b.ptr, undefined)
      continue
    }
    const changed = (key: string) => b.node[key] !== r.node[key]
    const values = (key: string) => ({
      from: String(b.node[key] ?? 'none'),
      to: String(r.node[key] ?? 'none'),
    })
    if (changed('type')) {
      emit('security-scheme-type-changed', name, b.ptr, r.ptr, values('type'))
      continue
    }
    if (b.node.type === 'apiKey') {
      if (changed('in'))
        emit('security-scheme-api-key-location-changed', name, b.ptr, r.ptr, values('in'))
      if (changed('name'))
        emit('security-scheme-api-key-name-changed', name, b.ptr, r.ptr, values('name'))
    }
    if (b.node.type === 'http') {
      const lower = (value: unknown) => String(value ?? '').toLowerCase()
      if (lower(b.node.scheme) !== lower(r.node.scheme))
        emit('security-scheme-http-scheme-changed', name, b.ptr, r.ptr, values('scheme'))
      if (changed('bearerFormat'))
        emit('security-scheme-bearer-format-changed', name, b.ptr, r.ptr, values('bearerFormat'))
    }
    if (b.node.type === 'openIdConnect' && changed('openIdConnectUrl')) {
      emit('security-scheme-openid-url-changed', name, b.ptr, r.ptr, values('openIdConnectUrl'))
    }
    if (b.node.type === 'oauth2') compareFlows(name, b, r, emit)
  }
  for (const [name, r] of rev)
    if (!base.has(name)) emit('security-scheme-added', name, undefined, r.ptr)
}

function compareFlows(
  name: string,
  b: { ptr: string; node: JsonObject },
  r: { ptr: string; node: JsonObject },
  emit: (
    rule: string,
    name: string,
    basePtr: string | undefined,
    revPtr: string | undefined,
    details?: Record<string, string>,
  ) => void,
): void {
  const baseFlows = isObject(b.node.flows) ? b.node.flows : {}
  const revFlows = isObject(r.node.flows) ? r.node.flows : {}
  for (const [flow, baseFlow] of Object.entries(baseFlows)) {
    const basePtr = appendPointer(b.ptr, 'flows', flow)
    const revFlow = revFlows[flow]
    if (!isObject(baseFlow)) continue
    if (!isObject(revFlow)) {
      emit('security-scheme-oauth-flow-removed', name, basePtr, r.ptr, { value: flow })
      continue
    }
    const revPtr = appendPointer(r.ptr, 'flows', flow)
    for (const url of OAUTH_URLS) {
      if (baseFlow[url] !== undefined && baseFlow[url] !== revFlow[url]) {
        emit('security-scheme-oauth-url-changed', name, basePtr, revPtr, {
          value: `${flow} ${url}`,
          from: String(baseFlow[url]),
          to: String(revFlow[url] ?? 'none'),
        })
      }
    }
    const baseScopes = isObject(baseFlow.scopes) ? Object.keys(baseFlow.scopes) : []
    const revScopes = isObject(revFlow.scopes) ? Object.keys(revFlow.scopes) : []
    for (const scope of baseScopes)
      if (!revScopes.includes(scope))
        emit('security-scheme-oauth-scope-removed', name, basePtr, revPtr, { value: scope })
    for (const scope of revScopes)
      if (!baseScopes.includes(scope))
        emit('security-scheme-oauth-scope-added', name, basePtr, revPtr, { value: scope })
  }
  for (const flow of Object.keys(revFlows)) {
    if (!(flow in baseFlows))
      emit('security-scheme-oauth-flow-added', name, b.ptr, appendPointer(r.ptr, 'flows', flow), {
        value: flow,
      })
  }
}
