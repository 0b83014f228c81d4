import { describe, expect, it } from 'vitest'
import { loadContract, resolveUpstream } from '../../src/contracts/index.js'
import { UpcheckError, type Contract } from '../../src/model/index.js'
import { createTempFolder } from './temp-folder.js'

const TEMPLATED = `name: posts-api
owner: ann@example.com
upstream:
  baseUrl: https://\${POSTS_HOST}/v1
  headers:
    Authorization: Bearer \${POSTS_TOKEN}
    X-Literal: "cost: $\${PRICE}"
`

async function loadTemplated(text = TEMPLATED): Promise<Contract> {
  const cwd = await createTempFolder({ 'contracts/posts-api.yaml': text })
  return loadContract('contracts/posts-api.yaml', { cwd })
}

function catchError(run: () => unknown): UpcheckError {
  try {
    run()
  } catch (error) {
    if (error instanceof UpcheckError) return error
    throw error
  }
  throw new Error('expected an UpcheckError')
}

describe('resolving the upstream from the environment', () => {
  it('fills base URL and headers, and lists the values that came from the environment', async () => {
    const contract = await loadTemplated()
    const resolved = resolveUpstream(contract, {
      POSTS_HOST: 'api.example.com',
      POSTS_TOKEN: 'tok-123456',
    })
    expect(resolved).toEqual({
      baseUrl: 'https://api.example.com/v1',
      headers: { Authorization: 'Bearer tok-123456', 'X-Literal': 'cost: ${PRICE}' },
      secrets: ['api.example.com', 'tok-123456'],
    })
  })

  it('percent-encodes a variable in the query, and leaves one in the origin or path as written', async () => {
    const contract = await loadTemplated(
      TEMPLATED.replace('/v1', '/\${POSTS_PATH}?key=\${POSTS_KEY}&v=2'),
    )
    const resolved = resolveUpstream(contract, {
      POSTS_HOST: 'api.example.com',
      POSTS_PATH: 'v1/posts',
      POSTS_KEY: 'a+b%c&d#e',
      POSTS_TOKEN: 'tok-123456',
    })
    expect(resolved.baseUrl).toBe('https://api.example.com/v1/posts?key=a%2Bb%25c%26d%23e&v=2')
    expect(resolved.secrets).toContain('a+b%c&d#e')
  })

  it('keeps the loaded contract a template, with no secret in it', async () => {
    const contract = await loadTemplated()
    resolveUpstream(contract, { POSTS_HOST: 'api.example.com', POSTS_TOKEN: 'tok-123456' })
    expect(contract.upstream).toEqual({
      baseUrl: 'https://${POSTS_HOST}/v1',
      headers: { Authorization: 'Bearer ${POSTS_TOKEN}', 'X-Literal': 'cost: $${PRICE}' },
    })
    expect(JSON.stringify(contract)).not.toContain('tok-123456')
  })

  it('names the unset variable, the file, its line and column, and the field', async () => {
    const contract = await loadTemplated()
    const error = catchError(() => resolveUpstream(contract, { POSTS_HOST: 'api.example.com' }))
    expect(error.code).toBe('ENV_UNSET')
    expect(error.message).toBe(
      'contracts/posts-api.yaml:6:27: upstream.headers.Authorization needs the environment variable POSTS_TOKEN, which is not set. Set POSTS_TOKEN before running upcheck.',
    )
    expect(error.location).toMatchObject({
      file: 'contracts/posts-api.yaml',
      line: 6,
      column: 27,
      path: 'upstream.headers.Authorization',
    })
  })

  it('treats an empty variable as unset and names every missing one', async () => {
    const contract = await loadTemplated()
    const error = catchError(() => resolveUpstream(contract, { POSTS_HOST: '' }))
    expect(
      error.message.split('\n').map((line) => line.replace(/ needs .*variable (\w+).*/, ' $1')),
    ).toEqual([
      'contracts/posts-api.yaml:4:20: upstream.baseUrl POSTS_HOST',
      'contracts/posts-api.yaml:6:27: upstream.headers.Authorization POSTS_TOKEN',
    ])
  })

  it('refuses a header value that a variable would split into two headers, without echoing it', async () => {
    const contract = await loadTemplated()
    const error = catchError(() =>
      resolveUpstream(contract, { POSTS_HOST: 'api.example.com', POSTS_TOKEN: 'x\r\nX-Evil: 1' }),
    )
    expect(error.code).toBe('CONTRACT_INVALID')
    expect(error.message).toBe(
      'contracts/posts-api.yaml:6:20: upstream.headers.Authorization holds a line break once its variables are filled in. Remove it from the variable.',
    )
  })

  it('refuses a base URL that is no URL once filled in, without echoing the value', async () => {
    const contract = await loadTemplated(
      TEMPLATED.replace('https://${POSTS_HOST}/v1', '${POSTS_URL}'),
    )
    const error = catchError(() =>
      resolveUpstream(contract, { POSTS_URL: 'not a url', POSTS_TOKEN: 't' }),
    )
    expect(error.code).toBe('CONTRACT_INVALID')
    expect(error.message).toMatch(
      /^contracts\/posts-api\.yaml:4:12: upstream\.baseUrl is not an http\(s\) URL once its variables are filled in\./,
    )
    expect(error.message).not.toContain('not a url')
  })

  it('needs no environment for a contract without variables', async () => {
    const contract = await loadTemplated(
      'name: p\nowner: a@example.com\nupstream:\n  baseUrl: http://127.0.0.1:4017\n',
    )
    expect(resolveUpstream(contract, {})).toEqual({
      baseUrl: 'http://127.0.0.1:4017',
      headers: {},
      secrets: [],
    })
  })
})
