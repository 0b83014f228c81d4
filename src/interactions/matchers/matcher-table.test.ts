import { describe, expect, it } from 'vitest'
import { MATCHER_NAMES } from '../../model/index.js'
import { readMatchingRule } from '../read-matching-rules.js'
import { compileMatcher, compileRuleList } from './compile-matcher.js'
import { MATCHERS } from './matcher-table.js'

const at = { file: 'posts.pact.json', path: '$.rule' }

describe('the matcher table', () => {
  it('has one entry for every matcher name, and no other', () => {
    expect(Object.keys(MATCHERS).sort()).toEqual([...MATCHER_NAMES].sort())
  })

  it('compiles a rule read from a file once: the matcher finds the reader’s compilation', () => {
    const rule = readMatchingRule({ match: 'regex', regex: '\\d+' }, at)
    const read = compileMatcher(rule)
    expect(compileRuleList({ matchers: [rule] }).matchers[0]).toBe(read)
    expect(read.pattern?.test('123')).toBe(true)
  })

  it('infers the matcher of a rule nested in eachKey, as it does at the top', () => {
    const compiled = compileMatcher({ match: 'eachKey', rules: [{ regex: '[a-z]+' }] }, at)
    expect(compiled.nested?.matchers.map((m) => m.name)).toEqual(['regex'])
  })

  it('names the place of a bad nested rule in the file', () => {
    expect(() =>
      compileMatcher({ match: 'eachValue', rules: [{ match: 'type', min: -1 }] }, at),
    ).toThrow('posts.pact.json: $.rule.rules[0].min: min is -1, not a whole number of items')
  })

  it('refuses a rule built in code with a bad regex, saying where', () => {
    expect(() => compileMatcher({ match: 'regex', regex: '(' })).toThrow(
      /^<pact>: \$\.regex: the regex "\(" is not valid/,
    )
  })

  it('refuses a regex no linear-time engine can run, naming the file and the rule', () => {
    expect(() => readMatchingRule({ match: 'regex', regex: '(?=a)\\w+' }, at)).toThrow(
      /^posts\.pact\.json: \$\.rule\.regex: the regex "\(\?=a\)\\\\w\+" is not valid \(it uses lookaround \(\(\?=…\), which upcheck does not run/,
    )
    expect(() => readMatchingRule({ match: 'regex', regex: '(a)\\1' }, at)).toThrow(
      /it uses a backreference \(\\1…\)/,
    )
  })
})
