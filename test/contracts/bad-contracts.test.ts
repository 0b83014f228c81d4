import { describe, expect, it } from 'vitest'
import { loadContracts } from '../../src/contracts/index.js'
import { UpcheckError, type UpcheckErrorCode } from '../../src/model/index.js'
import { createTempFolder } from './temp-folder.js'

interface Expected {
  code: UpcheckErrorCode
  /** `file:line:column` the message must start with. */
  at: string
  /** The field path the message must name. */
  field?: string
  /** Further text the message must hold: what is wrong or what to do. */
  says: RegExp
}

/** Loads a contracts folder and asserts that exactly one clear error came out of it. */
async function expectOneError(
  files: Record<string, string>,
  expected: Expected,
): Promise<UpcheckError> {
  const cwd = await createTempFolder(files)
  const { errors } = await loadContracts('contracts', { cwd })
  expect(errors.map((error) => error.message)).toHaveLength(1)
  const error = errors[0]!
  expect(error).toBeInstanceOf(UpcheckError)
  expect(error.code).toBe(expected.code)
  expect(error.message.slice(0, expected.at.length + 2)).toBe(`${expected.at}: `)
  expect(error.message).not.toContain('\n')
  if (expected.field) expect(error.message).toContain(` ${expected.field} `)
  expect(error.message).toMatch(expected.says)
  // A stack trace or a raw library error would show up as "at <frame>" or "Error:".
  expect(error.message).not.toMatch(/\bat .+:\d+:\d+\)|Error:/)
  return error
}

const HEAD = `name: posts-api
owner: Ann Lee <ann@example.com>
upstream:
  baseUrl: http://127.0.0.1:4017
`

describe('loading a folder with one bad contract', () => {
  it('reports a YAML syntax error at its line and column', async () => {
    await expectOneError(
      {
        'contracts/posts-api.yaml': `${HEAD}alerts:\n  email: [a@example.com\nprobe:\n  retries: 1\n`,
      },
      {
        code: 'CONTRACT_UNREADABLE',
        at: 'contracts/posts-api.yaml:7:1',
        says: /not valid YAML: flow sequence .+ end with a \]\. Fix the syntax there\.$/,
      },
    )
  })

  it('explains that an unquoted cron expression must be quoted', async () => {
    await expectOneError(
      { 'contracts/posts-api.yaml': `${HEAD}schedule: */15 * * * *\n` },
      {
        code: 'CONTRACT_UNREADABLE',
        at: 'contracts/posts-api.yaml:5:16',
        says: /must be quoted, like schedule: "\*\/15 \* \* \* \*"/,
      },
    )
  })

  it('reports a key written twice', async () => {
    await expectOneError(
      { 'contracts/posts-api.yaml': `${HEAD}freshness: 1h\nfreshness: 2h\n` },
      {
        code: 'CONTRACT_UNREADABLE',
        at: 'contracts/posts-api.yaml:6:1',
        says: /a key appears twice in the same map; keep one of them/,
      },
    )
  })

  it('reports a value of the wrong type and how to write it', async () => {
    await expectOneError(
      { 'contracts/posts-api.yaml': `${HEAD}probe:\n  timeoutMs: "5000"\n` },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:6:14',
        field: 'probe.timeoutMs',
        says: /must be a whole number, got the string "5000"\. Write it without quotes\.$/,
      },
    )
  })

  it('suggests the nearest field for an unknown top-level field', async () => {
    await expectOneError(
      { 'contracts/posts-api.yaml': `${HEAD}shedule: "*/15 * * * *"\n` },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:5:1',
        says: /^\S+ shedule is not a known field\. Did you mean "schedule"\?$/,
      },
    )
  })

  it('suggests the nearest field for an unknown nested field', async () => {
    await expectOneError(
      { 'contracts/posts-api.yaml': `${HEAD}  baseURL: http://x\n` },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:5:3',
        field: 'upstream.baseURL',
        says: /Did you mean "baseUrl"\?$/,
      },
    )
  })

  it('lists the allowed fields when an unknown field is like none of them', async () => {
    await expectOneError(
      { 'contracts/posts-api.yaml': `${HEAD}timezone: UTC\n` },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:5:1',
        field: 'timezone',
        says: /Remove it; the fields allowed at the top are name, owner, runbook, upstream,/,
      },
    )
  })

  it('places a missing nested field at the map that lacks it', async () => {
    await expectOneError(
      {
        'contracts/posts-api.yaml': `name: posts-api\nowner: ann@example.com\nupstream:\n  spec: openapi.json\n`,
      },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:4:3',
        field: 'upstream.baseUrl',
        says: /is missing\. Add the upstream's base URL/,
      },
    )
  })

  it('reports a missing required top-level field', async () => {
    await expectOneError(
      {
        'contracts/posts-api.yaml': `name: posts-api\nupstream:\n  baseUrl: http://127.0.0.1:4017\n`,
      },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:1:1',
        says: /^\S+ owner is missing\. Add who gets paged/,
      },
    )
  })

  it('rejects a cron expression with an out-of-range field', async () => {
    await expectOneError(
      { 'contracts/posts-api.yaml': `${HEAD}schedule: "61 * * * *"\n` },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:5:11',
        field: 'schedule',
        says: /is not a cron expression: 61 is an invalid expression for minute\. Write five fields/,
      },
    )
  })

  it('rejects a cron step larger than its field, which node-cron alone accepts', async () => {
    await expectOneError(
      { 'contracts/posts-api.yaml': `${HEAD}schedule: "*/61 * * * *"\n` },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:5:11',
        field: 'schedule',
        says: /is not a cron expression: the step \/61 in the minute field is larger than the field's 60 values\./,
      },
    )
  })

  it('rejects a duration without a unit', async () => {
    await expectOneError(
      { 'contracts/posts-api.yaml': `${HEAD}freshness: 24\n` },
      // YAML reads 24 as a number, so the type is what is wrong.
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:5:12',
        field: 'freshness',
        says: /must be a string, got the number 24/,
      },
    )
  })

  it('rejects a duration with an unknown unit', async () => {
    await expectOneError(
      { 'contracts/posts-api.yaml': `${HEAD}alerts:\n  remindEvery: 2 weeks\n` },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:6:16',
        field: 'alerts.remindEvery',
        says: /"2 weeks" is not a duration\. Write a whole number above zero and a unit/,
      },
    )
  })

  it('rejects a zero duration', async () => {
    await expectOneError(
      { 'contracts/posts-api.yaml': `${HEAD}freshness: 0h\n` },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:5:12',
        field: 'freshness',
        says: /is not a duration/,
      },
    )
  })

  it('rejects a bad e-mail address in a list at its own position', async () => {
    await expectOneError(
      {
        'contracts/posts-api.yaml': `${HEAD}alerts:\n  email:\n    - ops@example.com\n    - ops-at-example.com\n`,
      },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:8:7',
        field: 'alerts.email[1]',
        says: /"ops-at-example.com" is not an e-mail address\. Write it like "ann@example.com"\.$/,
      },
    )
  })

  it('rejects an owner without an e-mail address', async () => {
    await expectOneError(
      {
        'contracts/posts-api.yaml': `name: posts-api\nowner: Ann Lee\nupstream:\n  baseUrl: http://127.0.0.1:4017\n`,
      },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:2:8',
        field: 'owner',
        says: /is not an e-mail address\. Write a name and address like "Ann Lee <ann@example.com>"/,
      },
    )
  })

  it.each([
    ['that is not http or https', 'ftp://files.example.com'],
    ['whose host is missing, even with a variable in it', '"http://:${PORT}"'],
  ])('rejects a base URL %s', async (_case, baseUrl) => {
    await expectOneError(
      {
        'contracts/posts-api.yaml': `name: posts-api\nowner: ann@example.com\nupstream:\n  baseUrl: ${baseUrl}\n`,
      },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:4:12',
        field: 'upstream.baseUrl',
        says: /is not an http\(s\) URL/,
      },
    )
  })

  it('rejects an upstream.auth of an unknown type, listing the valid ones', async () => {
    await expectOneError(
      {
        'contracts/posts-api.yaml': `name: posts-api\nowner: ann@example.com\nupstream:\n  baseUrl: https://api.example.com\n  auth: { type: digest, username: ann }\n`,
      },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:5:17',
        field: 'upstream.auth.type',
        says: /basic.*oauth2-client-credentials.*command/,
      },
    )
  })

  it('rejects a webhook that is not a URL, noting where variables are read', async () => {
    await expectOneError(
      {
        'contracts/posts-api.yaml': `${HEAD}alerts:\n  webhook: https://hooks.example.com/\${HOOK}\n`,
      },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:6:12',
        field: 'alerts.webhook',
        says: /is not an http\(s\) URL\. .*Only upstream\.baseUrl, upstream\.headers and upstream\.auth read \$\{VAR\}/,
      },
    )
  })

  it('rejects a spec location with another scheme', async () => {
    await expectOneError(
      { 'contracts/posts-api.yaml': `${HEAD}  spec: ftp://files.example.com/openapi.json\n` },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:5:9',
        field: 'upstream.spec',
        says: /is neither an http\(s\) URL nor a path/,
      },
    )
  })

  it('rejects a name with capitals and spaces, suggesting one', async () => {
    await expectOneError(
      {
        'contracts/posts-api.yaml': `name: Posts API\nowner: ann@example.com\nupstream:\n  baseUrl: http://127.0.0.1:4017\n`,
      },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:1:7',
        field: 'name',
        says: /may hold only lower-case letters, digits and hyphens\. Rename it, like "posts-api"\.$/,
      },
    )
  })

  it('rejects a second contract with the same name, naming both files', async () => {
    const error = await expectOneError(
      { 'contracts/a.yaml': HEAD, 'contracts/b.yaml': `# copy\n${HEAD}` },
      {
        code: 'CONTRACT_DUPLICATE',
        at: 'contracts/b.yaml:2:7',
        field: 'name',
        says: /"posts-api" is already used by contracts\/a\.yaml:1:7\. Rename one of them/,
      },
    )
    expect(error.location).toMatchObject({ file: 'contracts/b.yaml', line: 2, column: 7 })
  })

  it('rejects an empty file', async () => {
    await expectOneError(
      { 'contracts/posts-api.yaml': '# nothing yet\n' },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:1:1',
        says: /the contract is empty\. Write at least name, owner and upstream\.baseUrl/,
      },
    )
  })

  it('rejects a file that is a list rather than a map', async () => {
    await expectOneError(
      { 'contracts/posts-api.yaml': '- name: posts-api\n' },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:1:1',
        says: /^\S+ the contract must be a map of fields, got a list\./,
      },
    )
  })

  it('places an error in a JSON contract at its line and column', async () => {
    const json = JSON.stringify(
      {
        name: 'posts-api',
        owner: 'ann@example.com',
        upstream: { baseUrl: 'http://127.0.0.1:4017' },
        probe: { concurrency: 2, retries: 1.5 },
      },
      null,
      2,
    )
    await expectOneError(
      { 'contracts/posts-api.json': `${json}\n` },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.json:9:16',
        field: 'probe.retries',
        says: /must be a whole number, got the number 1\.5\. Drop the fraction\.$/,
      },
    )
  })

  it('reports a JSON syntax error that YAML would forgive', async () => {
    await expectOneError(
      { 'contracts/posts-api.json': '{\n  "name": "posts-api",\n}\n' },
      { code: 'CONTRACT_UNREADABLE', at: 'contracts/posts-api.json:3:1', says: /not valid JSON: / },
    )
  })

  it('rejects a bad value deep inside probe', async () => {
    await expectOneError(
      { 'contracts/posts-api.yaml': `${HEAD}probe:\n  retries: 1\n  ratePerSecond: 0\n` },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:7:18',
        field: 'probe.ratePerSecond',
        says: /must be at least 0\.1, got the number 0\. Raise it/,
      },
    )
  })

  it.each([
    ['retries: 100000', 'probe.retries', /must be at most 10, got the number 100000\. Lower it/],
    ['timeoutMs: 3e9', 'probe.timeoutMs', /must be at most 600000, got the number 3000000000/],
    [
      'ratePerSecond: 0.00001',
      'probe.ratePerSecond',
      /must be at least 0\.1, got the number 0\.00001/,
    ],
    ['concurrency: 10000', 'probe.concurrency', /must be at most 64/],
  ])('refuses a probe setting outside its sane range: %s', async (line, field, says) => {
    await expectOneError(
      { 'contracts/posts-api.yaml': `${HEAD}probe:\n  ${line}\n` },
      {
        code: 'CONTRACT_INVALID',
        at: `contracts/posts-api.yaml:6:${line.indexOf(' ') + 4}`,
        field,
        says,
      },
    )
  })

  it('rejects a malformed variable in a header without showing the value', async () => {
    const error = await expectOneError(
      { 'contracts/posts-api.yaml': `${HEAD}  headers:\n    X-Api-Key: \${API-KEY}\n` },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:6:16',
        field: 'upstream.headers.X-Api-Key',
        says: /which is not a variable name\. Write \$\{NAME\}/,
      },
    )
    expect(error.location?.path).toBe('upstream.headers.X-Api-Key')
  })

  it('never echoes a header value of the wrong type', async () => {
    const error = await expectOneError(
      { 'contracts/posts-api.yaml': `${HEAD}  headers:\n    X-Api-Key: 123456789\n` },
      {
        code: 'CONTRACT_INVALID',
        at: 'contracts/posts-api.yaml:6:16',
        field: 'upstream.headers.X-Api-Key',
        says: /must be a string, got a number\. Put it in quotes\.$/,
      },
    )
    expect(error.message).not.toContain('123456789')
  })

  it('still loads the good contracts beside a bad one', async () => {
    const cwd = await createTempFolder({
      'contracts/a.yaml': HEAD.replace('posts-api', 'a'),
      'contracts/b.yaml': 'name: [\n',
      'contracts/c.yml': HEAD.replace('posts-api', 'c'),
    })
    const { contracts, errors } = await loadContracts('contracts', { cwd })
    expect(contracts.map((contract) => contract.name)).toEqual(['a', 'c'])
    expect(errors.map((error) => error.code)).toEqual(['CONTRACT_UNREADABLE'])
  })

  it('lists every problem of one file, one line each, in file order', async () => {
    const cwd = await createTempFolder({
      'contracts/x.yaml': `name: X\nowner: nobody\nupstream:\n  baseUrl: http://127.0.0.1:4017\nfreshness: soon\n`,
    })
    const { errors } = await loadContracts('contracts', { cwd })
    expect(errors).toHaveLength(1)
    expect(errors[0]!.message.split('\n').map((line) => line.split(': ')[0])).toEqual([
      'contracts/x.yaml:1:7',
      'contracts/x.yaml:2:8',
      'contracts/x.yaml:5:12',
    ])
    expect(errors[0]!.location).toMatchObject({ line: 1, column: 7, path: 'name' })
  })

  it('reports a missing contracts folder as an error rather than throwing', async () => {
    const cwd = await createTempFolder({})
    const { contracts, errors } = await loadContracts('contracts', { cwd })
    expect(contracts).toEqual([])
    expect(errors.map((error) => [error.code, error.message])).toEqual([
      [
        'CONTRACT_UNREADABLE',
        'contracts: the contracts folder does not exist. Run `upcheck init`, or pass --contracts DIR.',
      ],
    ])
  })
})

describe('loading a file that is no contract at all', () => {
  it('shows the first twenty problems and counts the rest', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `junk${i}: ${i}`).join('\n')
    const cwd = await createTempFolder({ 'contracts/x.yaml': `${keys}\n` })
    const { errors } = await loadContracts('contracts', { cwd })
    const lines = errors[0]!.message.split('\n')
    expect(lines).toHaveLength(21)
    expect(lines.at(-1)).toBe(
      'contracts/x.yaml: 13 more problems not shown. Fix the ones above first.',
    )
  })
})
