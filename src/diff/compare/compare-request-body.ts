import { isObject, type JsonObject } from './document-view.js'
import { collectContent, findMediaType } from './media-types.js'
import { addSchemaSite, reportAdded, type OperationComparison } from './operation-comparison.js'

/**
 * Compares the request bodies of two matched operations. A webhook's request body is what
 * the upstream sends and the consumer reads, so it is compared as a response body.
 */
export function compareRequestBodies(cmp: OperationComparison): void {
  const { ctx, base, rev, emit } = cmp
  const op = base.label
  const b = ctx.base.child<JsonObject>({ ptr: base.ptr, node: base.node }, 'requestBody')
  const r = ctx.rev.child<JsonObject>({ ptr: rev.ptr, node: rev.node }, 'requestBody')
  const baseBody = b && isObject(b.node) ? b : undefined
  const revBody = r && isObject(r.node) ? r : undefined
  if (!baseBody && !revBody) return
  if (base.webhook) {
    if (!baseBody || !revBody) return
  } else if (!baseBody && revBody) {
    const required = revBody.node.required === true
    emit({
      rule: required ? 'request-body-added-required' : 'request-body-added-optional',
      basePtr: base.ptr,
      revPtr: revBody.ptr,
      details: {},
      impact: { kind: 'operation', op },
    })
    return
  } else if (baseBody && !revBody) {
    emit({
      rule: 'request-body-removed',
      basePtr: baseBody.ptr,
      revPtr: rev.ptr,
      details: {},
      impact: { kind: 'body', op, part: 'request' },
    })
    return
  }
  if (!baseBody || !revBody) return
  const pointers = { basePtr: baseBody.ptr, revPtr: revBody.ptr }
  if (!base.webhook && (baseBody.node.required === true) !== (revBody.node.required === true)) {
    const required = revBody.node.required === true
    emit({
      rule: required ? 'request-body-became-required' : 'request-body-became-optional',
      ...pointers,
      details: {},
      impact: { kind: 'operation', op },
    })
  }
  const baseContent = collectContent(`${baseBody.ptr}/content`, baseBody.node.content)
  const revContent = collectContent(`${revBody.ptr}/content`, revBody.node.content)
  for (const [key, entry] of baseContent) {
    const match = findMediaType(key, revContent)
    if (!match) {
      if (!base.webhook) {
        emit({
          rule: 'request-body-media-type-removed',
          basePtr: entry.ptr,
          revPtr: revBody.ptr,
          details: { value: entry.name },
          impact: { kind: 'body', op, part: 'request' },
        })
      }
      continue
    }
    addSchemaSite(
      cmp,
      {
        where: base.webhook ? `webhook payload (${entry.name})` : `request body (${entry.name})`,
        root: 'body',
        side: base.webhook ? 'response' : 'request',
        impact: { kind: 'body', op, part: 'request' },
      },
      entry.schema,
      match.schema,
    )
  }
  if (base.webhook) return
  reportAdded(cmp, baseContent, revContent, {
    rule: 'request-body-media-type-added',
    basePtr: baseBody.ptr,
    details: (entry) => ({ value: entry.name }),
  })
}
