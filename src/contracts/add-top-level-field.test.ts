import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { addTopLevelField } from './add-top-level-field.js'

const after = ['interactions', 'upstream']
const add = (text: string, json = false) =>
  addTopLevelField(text, 'baseline', 'posts-api.openapi.json', { json, after })

describe('addTopLevelField', () => {
  it('adds the line after interactions and leaves every other byte alone', () => {
    const text = [
      '# the posts API',
      'name: posts-api                       # [a-z0-9-]+, unique',
      'upstream:',
      '  baseUrl: http://127.0.0.1:4017',
      '  # headers:',
      '  #   Authorization: Bearer ${TOKEN}',
      'interactions: posts-api.pact.json     # relative to this file',
      '',
      '# how often',
      'schedule: "*/15 * * * *"',
      'redact:',
      '-   $.a   # odd indent',
      'alerts: { email: [a@example.com],   webhook: "https://x" }',
      '',
    ].join('\n')
    expect(add(text)).toBe(
      text.replace(
        '# relative to this file\n',
        '# relative to this file\nbaseline: posts-api.openapi.json\n',
      ),
    )
  })

  it('goes after the upstream block, above the comments that lead into the next key, when interactions is defaulted', () => {
    const text =
      'name: a\nupstream:\n  baseUrl: http://x\n  # headers: later\n\n# freshness\nfreshness: 1h\n'
    expect(add(text)).toBe(
      'name: a\nupstream:\n  baseUrl: http://x\n  # headers: later\nbaseline: posts-api.openapi.json\n\n# freshness\nfreshness: 1h\n',
    )
  })

  it('appends at the end, adding the missing newline, when nothing follows the anchor', () => {
    expect(add('name: a\ninteractions: a.pact.json')).toBe(
      'name: a\ninteractions: a.pact.json\nbaseline: posts-api.openapi.json\n',
    )
  })

  it('keeps a flow-style contract valid', () => {
    expect(parse(add('{ name: a, upstream: { baseUrl: "http://x" } }\n'))).toEqual({
      name: 'a',
      upstream: { baseUrl: 'http://x' },
      baseline: 'posts-api.openapi.json',
    })
  })

  it('adds the key after interactions in a JSON contract, keeping its indentation', () => {
    const text =
      '{\n    "name": "a",\n    "interactions": "a.pact.json",\n    "freshness": "1h"\n}\n'
    expect(add(text, true)).toBe(
      '{\n    "name": "a",\n    "interactions": "a.pact.json",\n    "baseline": "posts-api.openapi.json",\n    "freshness": "1h"\n}\n',
    )
  })
})
