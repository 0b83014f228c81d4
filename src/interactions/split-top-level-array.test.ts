import { describe, expect, it } from 'vitest'
import { splitTopLevelArray } from './split-top-level-array.js'

/** The items as parsed, and the head as parsed: what a reader gets from the split. */
function parts(text: string) {
  const split = splitTopLevelArray(text, 'interactions')
  if (!split) return undefined
  return {
    head: JSON.parse(split.head) as unknown,
    items: split.items.map(([start, end]) => JSON.parse(text.slice(start, end)) as unknown),
  }
}

describe('splitTopLevelArray', () => {
  it('gives each item of the array and the rest of the object, whatever the spacing', () => {
    const doc = {
      consumer: { name: 'a "quoted" \\ name ]}' },
      interactions: [{ d: '}]", \\"' }, [1, [2]], 'text', 3.5e2, null, true, { e: {} }],
      metadata: { pactSpecification: { version: '4.0' } },
    }
    for (const text of [
      JSON.stringify(doc),
      JSON.stringify(doc, null, 2),
      JSON.stringify(doc, null, '\t'),
    ]) {
      expect(parts(text)).toEqual({ head: { ...doc, interactions: [] }, items: doc.interactions })
    }
  })

  it('reads an empty array, and a key written with escapes', () => {
    expect(parts('{"interactions": [ ]}')).toEqual({ head: { interactions: [] }, items: [] })
    expect(parts('{"inter\\u0061ctions":[1]}')).toEqual({ head: { interactions: [] }, items: [1] })
  })

  it('leaves anything not simply shaped to a whole-text parse', () => {
    for (const text of [
      '[]',
      '{"messages": []}',
      '{"interactions": {}}',
      '{"interactions": [1], "interactions": [2]}',
      '{"interactions": [1 2]}',
      '{"interactions": [1,]x}',
      '{"interactions": ["unterminated]}',
      '{"interactions": [{"a": 1}',
      '{"a" 1, "interactions": []}',
    ])
      expect(splitTopLevelArray(text, 'interactions'), text).toBeUndefined()
  })
})
