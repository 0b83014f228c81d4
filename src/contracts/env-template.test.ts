import { describe, expect, it } from 'vitest'
import { expandTemplate, listVariables, parseTemplate, type TemplatePart } from './env-template.js'

function partsOf(value: string): TemplatePart[] {
  const parsed = parseTemplate(value)
  if (!parsed.ok) throw new Error(parsed.problem)
  return parsed.parts
}

describe('parseTemplate', () => {
  it('splits text and variables', () => {
    expect(partsOf('Bearer ${POSTS_TOKEN}')).toEqual([
      { kind: 'text', text: 'Bearer ' },
      { kind: 'variable', name: 'POSTS_TOKEN' },
    ])
  })

  it('keeps a value without variables as one text part', () => {
    expect(partsOf('http://127.0.0.1:4017/$x')).toEqual([
      { kind: 'text', text: 'http://127.0.0.1:4017/$x' },
    ])
  })

  it('reads $${ as a literal ${', () => {
    expect(partsOf('a $${NOT_A_VAR} b')).toEqual([{ kind: 'text', text: 'a ${NOT_A_VAR} b' }])
  })

  it('rejects an unclosed variable and a bad variable name, giving the offset', () => {
    expect(parseTemplate('x ${TOKEN')).toEqual({
      ok: false,
      offset: 2,
      problem: 'has a "${" without a closing "}"',
    })
    expect(parseTemplate('${bad-name}')).toMatchObject({ ok: false, offset: 0 })
  })
})

describe('expandTemplate', () => {
  it('fills variables from env and reports the values as secrets', () => {
    const result = expandTemplate(partsOf('Bearer ${A}-${B}'), { A: 'one', B: 'two' })
    expect(result).toEqual({ value: 'Bearer one-two', secrets: ['one', 'two'], unset: [] })
  })

  it('reports unset and empty variables, and ignores inherited object keys', () => {
    const result = expandTemplate(partsOf('${A}${B}${toString}'), { A: '' })
    expect(result.unset).toEqual(['A', 'B', 'toString'])
    expect(result.secrets).toEqual([])
  })

  it('lists the variables a template reads', () => {
    expect(listVariables(partsOf('${A} and ${B}'))).toEqual(['A', 'B'])
  })
})
