import { appendPointer } from '../json-pointer.js'
import { entriesOf, isObject, type JsonObject, type Resolved } from './document-view.js'
import type { CompareContext, DraftChange } from './draft-change.js'
import type { OperationEntry } from './collect-operations.js'
import { collectContent, findMediaType } from './media-types.js'
import { ANY_SCHEMA } from './normalize-schema.js'

/** `2xx` → `2XX`; `Default` → `default`: response keys compared the same however written. */
export function statusKey(status: string): string {
  return status.toLowerCase() === 'default' ? 'default' : status.toUpperCase()
}

function isSuccess(status: string): boolean {
  return /^2/.test(status)
}

/** The revision response that serves a base status: the same code, else its range (`2XX`). */
function findResponse(
  status: string,
  responses: ReadonlyMap<string, Resolved<JsonObject>>,
): [string, Resolved<JsonObject>] | undefined {
  const exact = responses.get(status)
  if (exact) return [status, exact]
  const range = `${status.charAt(0)}XX`
  const covering = /^\d{3}$/.test(status) ? responses.get(range) : undefined
  return covering ? [range, covering] : undefined
}

function collectResponses(
  ctx: CompareContext,
  doc: 'base' | 'rev',
  op: OperationEntry,
): Map<string, Resolved<JsonObject>> {
  const view = doc === 'base' ? ctx.base : ctx.rev
  const out = new Map<string, Resolved<JsonObject>>()
  const list = view.child({ ptr: op.ptr, node: op.node }, 'responses')
  if (!list) return out
  for (const [status, raw] of entriesOf(list.node)) {
    const response = view.resolve<JsonObject>(appendPointer(list.ptr, status), raw)
    if (isObject(response.node)) out.set(statusKey(status), response)
  }
  return out
}

/** Compares the responses of two matched operations: statuses, media types, headers, bodies. */
export function compareResponses(
  ctx: CompareContext,
  base: OperationEntry,
  rev: OperationEntry,
  emit: (change: Omit<DraftChange, 'operation'>) => void,
  capSeverity: 'warning' | undefined,
): void {
  // What a webhook consumer answers is not what upcheck's clients read; leave it out.
  if (base.webhook) return
  const op = base.label
  const baseResponses = collectResponses(ctx, 'base', base)
  const revResponses = collectResponses(ctx, 'rev', rev)
  const revServed = new Set<string>()
  for (const [status, b] of baseResponses) {
    const match = findResponse(status, revResponses)
    // A range split into codes: the revision loop compares each code with it.
    if (
      !match &&
      /^\dXX$/.test(status) &&
      [...revResponses.keys()].some(
        (code) => /^\d{3}$/.test(code) && code.startsWith(status.charAt(0)),
      )
    )
      continue
    if (!match) {
      emit({
        rule: isSuccess(status)
          ? 'response-success-status-removed'
          : 'response-non-success-status-removed',
        basePtr: b.ptr,
        revPtr: `${rev.ptr}/responses`,
        details: { value: status },
        impact: { kind: 'status', op, status },
      })
      continue
    }
    revServed.add(match[0])
    compareResponse(ctx, op, status, b, match[1], emit, capSeverity)
  }
  for (const [status, r] of revResponses) {
    if (revServed.has(status) || baseResponses.has(status)) continue
    // A base range now split into codes: compare each code with the range it came from.
    const covering = findResponse(status, baseResponses)
    if (covering && covering[0] !== status) {
      compareResponse(ctx, op, covering[0], covering[1], r, emit, capSeverity)
      continue
    }
    emit({
      rule: isSuccess(status)
        ? 'response-success-status-added'
        : 'response-non-success-status-added',
      basePtr: `${base.ptr}/responses`,
      revPtr: r.ptr,
      details: { value: status },
      impact: { kind: 'none' },
    })
  }
}

function compareResponse(
  ctx: CompareContext,
  op: string,
  status: string,
  b: Resolved<JsonObject>,
  r: Resolved<JsonObject>,
  emit: (change: Omit<DraftChange, 'operation'>) => void,
  capSeverity: 'warning' | undefined,
): void {
  const baseContent = collectContent(`${b.ptr}/content`, b.node.content)
  const revContent = collectContent(`${r.ptr}/content`, r.node.content)
  for (const [key, entry] of baseContent) {
    const match = findMediaType(key, revContent)
    if (!match) {
      emit({
        rule: 'response-media-type-removed',
        basePtr: entry.ptr,
        revPtr: r.ptr,
        details: { status, value: entry.name },
        impact: { kind: 'status', op, status },
      })
      continue
    }
    ctx.sites.push({
      operation: op,
      where: `response ${status} (${entry.name})`,
      root: 'body',
      side: 'response',
      pair: ctx.schemas.pair('response', [entry.schema], [match.schema]),
      impact: { kind: 'body', op, part: 'response', status },
      capSeverity,
    })
  }
  for (const [key, entry] of revContent) {
    if (baseContent.has(key)) continue
    emit({
      rule: 'response-media-type-added',
      basePtr: b.ptr,
      revPtr: entry.ptr,
      details: { status, value: entry.name },
      impact: { kind: 'none' },
    })
  }
  compareHeaders(ctx, op, status, b, r, emit, capSeverity)
}

interface HeaderEntry extends Resolved<JsonObject> {
  name: string
}

function collectHeaders(
  ctx: CompareContext,
  doc: 'base' | 'rev',
  response: Resolved<JsonObject>,
): Map<string, HeaderEntry> {
  const view = doc === 'base' ? ctx.base : ctx.rev
  const out = new Map<string, HeaderEntry>()
  const headers = view.child(response, 'headers')
  if (!headers) return out
  for (const [name, raw] of entriesOf(headers.node)) {
    const header = view.resolve<JsonObject>(appendPointer(headers.ptr, name), raw)
    // Content-Type is described by the media types, not by a header entry.
    if (isObject(header.node) && name.toLowerCase() !== 'content-type')
      out.set(name.toLowerCase(), { ...header, name })
  }
  return out
}

function headerSchema(header: Resolved<JsonObject>) {
  if (header.node.schema !== undefined)
    return { ptr: `${header.ptr}/schema`, node: header.node.schema }
  const [entry] = collectContent(`${header.ptr}/content`, header.node.content).values()
  return entry?.schema ?? { ptr: header.ptr, node: ANY_SCHEMA }
}

function compareHeaders(
  ctx: CompareContext,
  op: string,
  status: string,
  b: Resolved<JsonObject>,
  r: Resolved<JsonObject>,
  emit: (change: Omit<DraftChange, 'operation'>) => void,
  capSeverity: 'warning' | undefined,
): void {
  const baseHeaders = collectHeaders(ctx, 'base', b)
  const revHeaders = collectHeaders(ctx, 'rev', r)
  for (const [key, header] of baseHeaders) {
    const name = header.name
    const impact = { kind: 'status', op, status } as const
    const match = revHeaders.get(key)
    if (!match) {
      emit({
        rule:
          header.node.required === true
            ? 'response-header-removed'
            : 'response-header-optional-removed',
        basePtr: header.ptr,
        revPtr: r.ptr,
        details: { status, name },
        impact,
      })
      continue
    }
    const pointers = { basePtr: header.ptr, revPtr: match.ptr }
    if ((header.node.required === true) !== (match.node.required === true)) {
      emit({
        rule:
          match.node.required === true
            ? 'response-header-became-required'
            : 'response-header-became-optional',
        ...pointers,
        details: { status, name },
        impact,
      })
    }
    ctx.sites.push({
      operation: op,
      where: `response ${status} header ${name}`,
      root: 'header',
      side: 'response',
      pair: ctx.schemas.pair('response', [headerSchema(header)], [headerSchema(match)]),
      impact,
      capSeverity,
    })
  }
  for (const [key, header] of revHeaders) {
    if (baseHeaders.has(key)) continue
    emit({
      rule: 'response-header-added',
      basePtr: b.ptr,
      revPtr: header.ptr,
      details: { status, name: header.name },
      impact: { kind: 'none' },
    })
  }
}
