import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'

/** The credentials the pilot upstream accepts; tests plant them and look for them on disk. */
export interface PilotSecrets {
  token: string
  apiKey: string
  password: string
  /** Issued by the login call: a secret in a response body. */
  sessionToken: string
}

/** The pilot's credentials for one suite: distinct per `suite`, so a leak names where it came from. */
export function plantSecrets(suite: string): PilotSecrets {
  return {
    token: `tok-${suite}-7a1c9e55d0`,
    apiKey: `key-${suite}-33b0f2aa91`,
    password: `pw-${suite}-0c4d7e19`,
    sessionToken: `sess-${suite}-5e8f1a2b`,
  }
}

/** What the upstream's data looks like today; tests move it on to a new "day". */
export interface PilotState {
  day: number
  /** A real type change: `views` becomes a string. */
  viewsAsText: boolean
}

function uuidFor(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

function post(id: number, state: PilotState) {
  const day = state.day
  const views = id * 10 + day * 7
  return {
    id,
    uuid: uuidFor(`${id}/${day}`),
    title: `post ${id} on day ${day}`,
    views: state.viewsAsText ? String(views) : views,
    publishedOn: new Date(Date.UTC(2026, 0, day)).toISOString().slice(0, 10),
    updatedAt: new Date(Date.UTC(2026, 0, day, 8, id)).toISOString(),
    author: { name: day % 2 === 0 ? 'Bob' : 'Ann', profile: `https://people.example.com/${day}` },
    tags: Array.from({ length: 1 + ((id + day) % 3) }, (_, i) => `tag${i}`),
  }
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  const text = JSON.stringify(body)
  const volatile = {
    etag: `"${createHash('md5').update(text).digest('hex')}"`,
    'x-request-id': uuidFor(String(Math.random())),
    'x-ratelimit-remaining': '99',
    server: 'pilot/1.0',
  }
  const all = { 'content-type': 'application/json; charset=utf-8', ...volatile, ...headers }
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    res.writeHead(status, { ...all, 'content-encoding': 'gzip' }).end(gzipSync(text))
  } else {
    res.writeHead(status, all).end(text)
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (body += chunk))
    req.on('end', () => resolve(body))
    req.on('error', reject)
  })
}

/**
 * A posts API on 127.0.0.1 under `/api` that checks the pilot's credentials and whose ids,
 * counts, hashes and timestamps change with `state.day`, as a live API's do.
 */
export async function startPilotUpstream(
  secrets: PilotSecrets,
  state: PilotState = { day: 1, viewsAsText: false },
) {
  const requests: { method: string; url: string }[] = []
  const server = createServer(async (req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/' })
    const url = new URL(req.url ?? '/', 'http://pilot')
    const body = await readBody(req)
    const path = url.pathname
    if (req.method === 'POST' && path === '/api/sessions') {
      const login = JSON.parse(body || '{}') as { username?: string; password?: string }
      if (login.password !== secrets.password) return send(req, res, 401, { error: 'bad password' })
      return send(
        req,
        res,
        201,
        {
          token: secrets.sessionToken,
          user: { id: state.day, name: login.username },
          expiresAt: new Date(Date.UTC(2026, 1, state.day)).toISOString(),
          note: `issued for Bearer ${secrets.token}`,
        },
        { 'set-cookie': [`session=${secrets.sessionToken}; HttpOnly`, 'theme=dark'] },
      )
    }
    if (req.headers.authorization !== `Bearer ${secrets.token}`)
      return send(req, res, 401, { error: 'unauthorized' })
    if (req.method === 'GET' && path === '/api/posts') {
      return send(
        req,
        res,
        200,
        Array.from({ length: 2 + state.day }, (_, i) => post(state.day * 10 + i, state)),
      )
    }
    const one = /^\/api\/posts\/(\d+)$/.exec(path)
    if (req.method === 'GET' && one) {
      if (req.headers['x-api-key'] !== secrets.apiKey)
        return send(req, res, 401, { error: 'api key' })
      return send(req, res, 200, post(Number(one[1]), state))
    }
    if (req.method === 'GET' && path === '/api/search') {
      if (url.searchParams.get('api_key') !== secrets.apiKey)
        return send(req, res, 401, { error: 'api key' })
      return send(req, res, 200, {
        query: url.searchParams.get('q'),
        total: state.day * 3,
        results: [{ id: state.day, score: 0.5 + state.day / 100 }],
      })
    }
    send(req, res, 404, { error: 'not found' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    baseUrl: `${origin}/api`,
    state,
    requests,
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
