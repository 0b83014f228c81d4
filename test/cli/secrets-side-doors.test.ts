import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { listSecretForms } from '../../src/text/index.js'
import { findLeaks } from '../support/find-secrets.js'
import { sendJson as json, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'

const ws = useProject()
const upstream = useLocalUpstream((_req, res) => json(res, 404, {}))

describe('baseline accept', () => {
  it('writes no value from the environment into the baseline, the store or the output, though the spec echoes it', async () => {
    const token = 'spec/tok+5d9e2b'
    const spec = (version: string, auth: string) =>
      JSON.stringify({
        openapi: '3.0.3',
        info: { title: 'posts', version, description: `Your key is ${auth}.` },
        servers: [{ url: `https://api.example.com/u/${encodeURIComponent(auth)}` }],
        paths: {
          '/posts': {
            get: {
              responses: {
                '200': {
                  description: 'ok',
                  content: { 'application/json': { example: { token: auth } } },
                },
              },
            },
          },
        },
      })
    upstream.handle = (req, res) => {
      const auth = (req.headers.authorization ?? '').replace(/^Bearer /, '')
      if (req.url !== '/openapi.json' || auth === '') return json(res, 401, {})
      res.writeHead(200, { 'content-type': 'application/json' }).end(spec('2', auth))
    }
    await ws.writeContract('posts-api', {
      baseUrl: upstream.origin,
      interactions: [],
      extra: 'baseline: posts-api.openapi.json\n',
    })
    const contract = await readFile(join(ws.dir, 'contracts/posts-api.yaml'), 'utf8')
    await ws.writeFile(
      'contracts/posts-api.yaml',
      contract.replace('  headers:', `  spec: ${upstream.origin}/openapi.json\n  headers:`),
    )
    await ws.writeFile('contracts/posts-api.openapi.json', spec('1', 'old'))

    const result = await ws.run(['baseline', 'accept', 'posts-api', '--by', 'Ann Lee'], {
      UPCHECK_TEST_TOKEN: token,
    })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(await findLeaks(ws.dir, result, [token].flatMap(listSecretForms))).toEqual([])
    const pinned = JSON.parse(
      await readFile(join(ws.dir, 'contracts/posts-api.openapi.json'), 'utf8'),
    )
    expect(pinned.info.description).toBe('Your key is <redacted>.')
    expect(pinned.servers[0].url).toBe('https://api.example.com/u/<redacted>')
  })
})

describe('a ${VAR} in the base URL’s query', () => {
  const key = 'k+y%2F&x=1#frag!'

  beforeEach(async () => {
    await ws.writeContract('posts-api', {
      baseUrl: `${upstream.origin}/api?key=\${API_KEY}`,
      interactions: [typedInteraction('get post', '/posts/1', { id: 1 })],
    })
  })

  it('reaches the upstream whole, percent-encoded', async () => {
    const seen: (string | null)[] = []
    upstream.handle = (req, res) => {
      const sent = new URL(req.url ?? '/', 'http://x').searchParams.get('key')
      seen.push(sent)
      json(res, sent === key ? 200 : 401, { id: 1 })
    }
    const result = await ws.run(['verify'], { API_KEY: key })
    expect(seen).toEqual([key])
    expect(result.code).toBe(0)
  })

  it('is scrubbed in every encoding from reports, the store and the output when the upstream echoes it', async () => {
    upstream.handle = (req, res) => {
      const raw = req.url ?? ''
      // A break whose evidence holds the query as sent, raw and decoded.
      json(res, 200, { id: `${raw} ${decodeURIComponent(raw)}` })
    }
    const result = await ws.run(['verify'], { API_KEY: key })
    expect(result.code).toBe(1)
    // Unencoded, only the part before `&` was sent, and only the whole value was scrubbed.
    expect(
      await findLeaks(
        ws.dir,
        result,
        [key, key.slice(0, key.indexOf('&'))].flatMap(listSecretForms),
      ),
    ).toEqual([])
  })
})
