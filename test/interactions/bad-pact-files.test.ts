import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readPactFile } from '../../src/interactions/index.js'
import { UpcheckError, type UpcheckErrorCode } from '../../src/model/index.js'
import { useTempDir } from '../support/temp-dir.js'

const tmp = useTempDir('bad-pacts')

const http = (response: unknown = { status: 200 }) => ({
  type: 'Synchronous/HTTP',
  description: 'get post',
  request: { method: 'GET', path: '/posts/1' },
  response,
})

function v4(interactions: unknown, extra: Record<string, unknown> = {}) {
  return JSON.stringify(
    {
      consumer: { name: 'web' },
      provider: { name: 'posts-api' },
      interactions,
      metadata: { pactSpecification: { version: '4.0' } },
      ...extra,
    },
    null,
    2,
  )
}

/** Writes `text` to a file and returns the one error reading it gives. */
async function readError(name: string, text: string): Promise<UpcheckError> {
  const file = await tmp.write(name, text)
  const error = await readPactFile(file).then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof UpcheckError))
    throw new Error(`expected an UpcheckError, got ${String(error)}`)
  // One clear line for a person: the file, the place, what to do; never a stack trace.
  expect(error.message).toContain(file)
  expect(error.message).not.toMatch(/\n\s+at /)
  expect(error.message.split('\n')).toHaveLength(1)
  expect(error.location?.file).toBe(file)
  return error
}

/** The error reading a V4 file whose one interaction has `rule` on its response body at `path`. */
function readBodyRuleError(name: string, path: string, rule: object): Promise<UpcheckError> {
  return readError(name, v4([http({ status: 200, matchingRules: { body: { [path]: rule } } })]))
}

function expectError(error: UpcheckError, code: UpcheckErrorCode, path: string, words: RegExp) {
  expect(error.code).toBe(code)
  expect(error.location?.path).toBe(path)
  expect(error.message).toContain(path)
  expect(error.message).toMatch(words)
}

describe('bad Pact files', () => {
  it('names line and column of a JSON syntax error', async () => {
    const error = await readError(
      'syntax.pact.json',
      '{\n  "consumer": {"name": "web"},\n  "provider": {"name": "api"}\n  "interactions": []\n}',
    )
    expect(error.code).toBe('PACT_UNREADABLE')
    expect(error.location).toMatchObject({ line: 4, column: 3 })
    expect(error.message).toMatch(
      /syntax\.pact\.json:4:3: the file is not valid JSON .* Fix the JSON at that place/,
    )
  })

  it('says an empty file is empty', async () => {
    const error = await readError('empty.pact.json', '  \n')
    expect(error.code).toBe('PACT_UNREADABLE')
    expect(error.message).toMatch(/the file is empty/)
  })

  it('says a file that does not exist is missing', async () => {
    const file = join(tmp.path, 'nowhere.pact.json')
    const error = (await readPactFile(file).catch((e: unknown) => e)) as UpcheckError
    expect(error).toBeInstanceOf(UpcheckError)
    expect(error.code).toBe('PACT_UNREADABLE')
    expect(error.message).toBe(
      `${file}: the file does not exist. Check the contract's "interactions" path, or record interactions first.`,
    )
  })

  it('rejects an unknown spec version and lists the ones it reads', async () => {
    const error = await readError(
      'version.pact.json',
      v4([], { metadata: { pactSpecification: { version: '5.1.0' } } }),
    )
    expectError(
      error,
      'PACT_INVALID',
      '$.metadata.pactSpecification.version',
      /unknown Pact specification version "5\.1\.0".*reads versions 1\.x, 2\.0\.0, 3\.0\.0 and 4\.0/,
    )
  })

  it('points at an interaction without a response', async () => {
    const { response: _, ...noResponse } = http()
    const error = await readError('no-response.pact.json', v4([http(), http(), http(), noResponse]))
    expectError(
      error,
      'PACT_INVALID',
      '$.interactions[3].response',
      /"get post" has no response\. Add the response that was recorded/,
    )
  })

  it('refuses a recorded header with a line break, which would split the request on the wire', async () => {
    const interaction = {
      ...http(),
      request: { method: 'GET', path: '/posts/1', headers: { 'X-Trace': 'a\r\nX-Injected: 1' } },
    }
    const error = await readError('crlf.pact.json', v4([interaction]))
    expectError(
      error,
      'PACT_INVALID',
      '$.interactions[0].request.headers.X-Trace',
      /header X-Trace holds a line break or NUL.*Remove the line break/,
    )
  })

  it('refuses a method that is not an HTTP token', async () => {
    const interaction = { ...http(), request: { method: 'GE T', path: '/posts/1' } }
    const error = await readError('method.pact.json', v4([interaction]))
    expectError(
      error,
      'PACT_INVALID',
      '$.interactions[0].request.method',
      /method is "GE T", not an HTTP method/,
    )
  })

  it('says a file without an interactions list has none', async () => {
    const error = await readError(
      'no-interactions.pact.json',
      JSON.stringify({ consumer: { name: 'web' }, provider: { name: 'api' } }),
    )
    expectError(error, 'PACT_INVALID', '$.interactions', /the file has no interactions list/)
  })

  it('names an invalid regex in a rule and where it is', async () => {
    const error = await readBodyRuleError('regex.pact.json', '$.id', {
      combine: 'AND',
      matchers: [{ match: 'regex', regex: '([0-9]+' }],
    })
    expectError(
      error,
      'RULE_INVALID',
      "$.interactions[0].response.matchingRules.body['$.id'].matchers[0].regex",
      /the regex "\(\[0-9\]\+" is not valid .*Fix the regular expression/,
    )
  })

  it('names an unknown matcher and lists the known ones', async () => {
    const error = await readBodyRuleError('matcher.pact.json', '$.id', {
      matchers: [{ match: 'integr' }],
    })
    expectError(
      error,
      'RULE_INVALID',
      "$.interactions[0].response.matchingRules.body['$.id'].matchers[0].match",
      /unknown matcher "integr"\. Use one of: equality, regex, type, include, integer/,
    )
  })

  it('rejects a status that is not an HTTP status code', async () => {
    const error = await readError('status.pact.json', v4([http({ status: '200' })]))
    expectError(
      error,
      'PACT_INVALID',
      '$.interactions[0].response.status',
      /status is "200", not an HTTP status code\. Use a number from 100 to 599/,
    )
  })

  it('rejects a file whose consumer has no name', async () => {
    const error = await readError(
      'consumer.pact.json',
      JSON.stringify({ consumer: {}, provider: { name: 'api' }, interactions: [] }),
    )
    expectError(
      error,
      'PACT_INVALID',
      '$.consumer.name',
      /the consumer has no name\. Add "consumer": \{"name": "…"\} to the file\.$/,
    )
  })

  it('rejects a rule path that is not a path', async () => {
    const error = await readBodyRuleError('path.pact.json', '$.items[x]', {
      matchers: [{ match: 'type' }],
    })
    expectError(
      error,
      'RULE_INVALID',
      "$.interactions[0].response.matchingRules.body['$.items[x]']",
      /the rule path "\$\.items\[x\]" is not valid/,
    )
  })

  it('rejects an invalid date format in a rule', async () => {
    const error = await readBodyRuleError('date.pact.json', '$.at', {
      matchers: [{ match: 'date', format: 'yyyy-bb' }],
    })
    expectError(
      error,
      'RULE_INVALID',
      "$.interactions[0].response.matchingRules.body['$.at'].matchers[0].format",
      /'b' is not a date\/time pattern letter/,
    )
  })

  it('rejects an unknown interaction type', async () => {
    const error = await readError(
      'type.pact.json',
      v4([{ ...http(), type: 'Synchronous/Carrier-Pigeon' }]),
    )
    expectError(
      error,
      'PACT_INVALID',
      '$.interactions[0].type',
      /unknown interaction type "Synchronous\/Carrier-Pigeon"/,
    )
  })

  it('rejects a V2 rule keyed to no part of the request or response', async () => {
    const text = JSON.stringify({
      consumer: { name: 'web' },
      provider: { name: 'api' },
      interactions: [
        {
          description: 'd',
          request: { method: 'GET', path: '/' },
          response: { status: 200, matchingRules: { '$.bodyy.id': { match: 'type' } } },
        },
      ],
      metadata: { pactSpecification: { version: '2.0.0' } },
    })
    const error = await readError('v2-rule.pact.json', text)
    expectError(
      error,
      'RULE_INVALID',
      "$.interactions[0].response.matchingRules['$.bodyy.id']",
      /names no part of the request or response/,
    )
  })
})

describe('JSON syntax errors are placed where they are, whatever the engine says', () => {
  it.each([
    ['an unknown word', '{\n  "consumer": {"name": "web"},\n  "provider": x\n}', 3, 15],
    ['a trailing comma', '{\n  "interactions": [1, 2,]\n}', 2, 25],
    ['a truncated literal', '{\n  "a": tru}', 2, 8],
    ['an unterminated string', '{\n  "interactions": "abc', 2, 19],
    ['a comma before the closing brace', '{\n  "a": 1,\n}', 3, 1],
  ])('%s', async (_what, text, line, column) => {
    const error = await readError(`syntax-${line}-${column}.pact.json`, text)
    expect(error.code).toBe('PACT_UNREADABLE')
    expect(error.location).toMatchObject({ line, column })
  })
})
