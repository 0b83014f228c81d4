import { describe, expect, it } from 'vitest'
import { findUnchangedComponents, isSameWithUnchangedRefs } from './unchanged-components.js'

const doc = (schemas: Record<string, unknown>) => ({ components: { schemas } })

describe('findUnchangedComponents', () => {
  it('keeps components written the same that refer only to unchanged ones, cycles included', () => {
    const base = doc({
      Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } },
      Pet: { type: 'object', properties: { owner: { $ref: '#/components/schemas/Owner' } } },
      Owner: { type: 'object', properties: { name: { type: 'string' } } },
      Tag: { type: 'string' },
    })
    const revision = doc({
      Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } },
      Pet: { type: 'object', properties: { owner: { $ref: '#/components/schemas/Owner' } } },
      Owner: { type: 'object', properties: { name: { type: 'string', maxLength: 5 } } },
      Tag: { type: 'string' },
    })
    expect([...findUnchangedComponents(base, revision)].sort()).toEqual([
      '#/components/schemas/Node',
      '#/components/schemas/Tag',
    ])
  })

  it('treats a ref to an unchanged component as no change, and any other ref as a possible one', () => {
    const unchanged = new Set(['#/components/schemas/Tag'])
    expect(
      isSameWithUnchangedRefs(
        { $ref: '#/components/schemas/Tag' },
        { $ref: '#/components/schemas/Tag' },
        unchanged,
      ),
    ).toBe(true)
    expect(
      isSameWithUnchangedRefs(
        { $ref: '#/components/schemas/Pet' },
        { $ref: '#/components/schemas/Pet' },
        unchanged,
      ),
    ).toBe(false)
    expect(isSameWithUnchangedRefs({ type: 'string' }, { type: 'integer' }, unchanged)).toBe(false)
  })
})
