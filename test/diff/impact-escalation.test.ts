import { describe, expect, it } from 'vitest'
import type { HttpInteraction } from '../../src/model/interaction.js'
import { getAnswering } from '../support/openapi-documents.js'
import { completeDocument, diffDocuments } from './document-helpers.js'

/** A document whose `GET /orders` answers a list of orders inside an envelope. */
function document(order: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return completeDocument({
    paths: getAnswering('/orders', {
      type: 'object',
      properties: {
        orders: { type: 'array', items: { $ref: '#/components/schemas/Order' } },
        note: { type: 'string' },
        ...extra,
      },
    }),
    components: { schemas: { Order: { type: 'object', properties: order } } },
  })
}

const order = {
  id: { type: 'integer' },
  state: { type: 'string', enum: ['open', 'paid'] },
  coupon: { type: 'string' },
}

function recording(body: unknown): HttpInteraction[] {
  return [
    {
      type: 'Synchronous/HTTP',
      description: 'list orders',
      request: { method: 'GET', path: '/orders' },
      response: { status: 200, body: { contentType: 'application/json', content: body } },
    },
  ]
}

function changes(base: unknown, revision: unknown, body: unknown) {
  return diffDocuments(base, revision, { interactions: recording(body) }).changes.map((c) => ({
    rule: c.rule,
    severity: c.severity,
    affects: c.affectsInteractions,
    escalated: c.message.includes('breaking for this integration'),
  }))
}

describe('impact that does not depend on luck', () => {
  it('counts the item schema of a list recorded empty as used', () => {
    const { coupon: _coupon, ...rest } = order
    const base = document(order)
    const revision = document({ ...rest, id: { type: 'string' } })
    for (const body of [{ orders: [] }, { orders: [{ id: 1, state: 'open', coupon: 'x' }] }]) {
      expect(changes(base, revision, body)).toContainEqual(
        expect.objectContaining({
          rule: 'response-property-type-changed',
          severity: 'breaking',
          affects: true,
        }),
      )
    }
    // A list never recorded at all is still not used.
    expect(changes(base, revision, { note: 'n' })).toContainEqual(
      expect.objectContaining({ rule: 'response-property-type-changed', affects: false }),
    )
  })

  it('makes a warning breaking when the recorded responses read the field, and says so', () => {
    const { coupon: _coupon, ...rest } = order
    const base = document(order)
    const revision = document({
      ...rest,
      state: { type: 'string', enum: ['open', 'paid', 'refunded'] },
    })
    const read = changes(base, revision, { orders: [{ id: 1, state: 'open', coupon: 'x' }] })
    expect(read).toContainEqual({
      rule: 'response-property-optional-removed',
      severity: 'breaking',
      affects: true,
      escalated: true,
    })
    expect(read).toContainEqual({
      rule: 'response-property-enum-value-added',
      severity: 'breaking',
      affects: true,
      escalated: true,
    })
    // Recorded without the field: the removal stays the warning the document rates it.
    expect(changes(base, revision, { orders: [{ id: 1 }] })).toContainEqual({
      rule: 'response-property-optional-removed',
      severity: 'warning',
      affects: false,
      escalated: false,
    })
    // Recorded empty: used, so reported as touching the integration, but never seen read.
    expect(changes(base, revision, { orders: [] })).toContainEqual({
      rule: 'response-property-enum-value-added',
      severity: 'warning',
      affects: true,
      escalated: false,
    })
  })

  it('leaves a new unlisted key a warning even where the recording reads the object', () => {
    const base = document(order)
    const revision = document(order, {})
    const open = structuredClone(revision) as any
    open.components.schemas.Order.additionalProperties = true
    const closed = structuredClone(base) as any
    closed.components.schemas.Order.additionalProperties = false
    expect(
      changes(closed, open, { orders: [{ id: 1, state: 'open' }] }).find((c) =>
        c.rule.endsWith('additional-properties-allowed'),
      ),
    ).toMatchObject({ severity: 'warning', escalated: false })
  })
})
