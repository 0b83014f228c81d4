import { appendPointer } from '../json-pointer.js'
import {
  entriesOf,
  isObject,
  type DocumentView,
  type JsonObject,
  type Resolved,
} from './document-view.js'
import type { OperationEntry } from './collect-operations.js'
import { collectContent, findMediaType, schemaOrContentSchema } from './media-types.js'
import { addSchemaSite, reportAdded, type OperationComparison } from './operation-comparison.js'

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
  view: DocumentView,
  op: OperationEntry,
): Map<string, Resolved<JsonObject>> {
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
export function compareResponses(cmp: OperationComparison): void {
  const { ctx, base, rev, emit } = cmp
  // What a webhook consumer answers is not what upcheck's clients read; leave it out.
  if (base.webhook) return
  const op = base.label
  const baseResponses = collectResponses(ctx.base, base)
  const revResponses = collectResponses(ctx.rev, rev)
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
    compareResponse(cmp, status, b, match[1])
  }
  for (const [status, r] of revResponses) {
    if (revServed.has(status) || baseResponses.has(status)) continue
    // A base range now split into codes: compare each code with the range it came from.
    const covering = findResponse(status, baseResponses)
    if (covering && covering[0] !== status) {
      compareResponse(cmp, covering[0], covering[1], r)
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
  cmp: OperationComparison,
  status: string,
  b: Resolved<JsonObject>,
  r: Resolved<JsonObject>,
): void {
  const { emit } = cmp
  const op = cmp.base.label
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
    addSchemaSite(
      cmp,
      {
        where: `response ${status} (${entry.name})`,
        root: 'body',
        side: 'response',
        impact: { kind: 'body', op, part: 'response', status },
      },
      entry.schema,
      match.schema,
    )
  }
  reportAdded(cmp, baseContent, revContent, {
    rule: 'response-media-type-added',
    basePtr: b.ptr,
    details: (entry) => ({ status, value: entry.name }),
  })
  compareHeaders(cmp, status, b, r)
}

interface HeaderEntry extends Resolved<JsonObject> {
  name: string
}

function collectHeaders(
  view: DocumentView,
  response: Resolved<JsonObject>,
): Map<string, HeaderEntry> {
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

function compareHeaders(
  cmp: OperationComparison,
  status: string,
  b: Resolved<JsonObject>,
  r: Resolved<JsonObject>,
): void {
  const { ctx, emit } = cmp
  const op = cmp.base.label
  const baseHeaders = collectHeaders(ctx.base, b)
  const revHeaders = collectHeaders(ctx.rev, r)
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
    addSchemaSite(
      cmp,
      { where: `response ${status} header ${name}`, root: 'header', side: 'response', impact },
      schemaOrContentSchema(header),
      schemaOrContentSchema(match),
    )
  }
  reportAdded(cmp, baseHeaders, revHeaders, {
    rule: 'response-header-added',
    basePtr: b.ptr,
    details: (header) => ({ status, name: header.name }),
  })
}
