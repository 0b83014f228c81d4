import { describe, expect, it } from 'vitest'
import { escapeHtml } from './escape-html.js'
import { excerptText } from './excerpt-text.js'
import { locateOffset } from './locate-offset.js'

describe('escapeHtml', () => {
  it('escapes the five characters that can break out of an element or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    )
    expect(escapeHtml('plain text')).toBe('plain text')
  })
})

describe('locateOffset', () => {
  it('counts lines and columns from 1', () => {
    const text = '{\n  "a": 1,\n  x\n}'
    expect(locateOffset(text, 0)).toEqual({ line: 1, column: 1 })
    expect(locateOffset(text, text.indexOf('x'))).toEqual({ line: 3, column: 3 })
    expect(locateOffset(text, text.indexOf('\n'))).toEqual({ line: 1, column: 2 })
  })
})

describe('excerptText', () => {
  it('keeps a text within the limit whole and counts its UTF-8 bytes', () => {
    expect(excerptText('héllo', 16)).toEqual({ text: 'héllo', bytes: 6, truncated: false })
  })

  it('cuts a longer text between characters, never inside one', () => {
    // 'é' is two bytes: a cut at byte 4 would fall inside the second one.
    expect(excerptText('aéé€', 4)).toEqual({ text: 'aé', bytes: 8, truncated: true })
    expect(excerptText('x'.repeat(5000))).toMatchObject({ bytes: 5000, truncated: true })
    expect(excerptText('x'.repeat(5000)).text).toHaveLength(4096)
  })
})
