import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'

/** Answers a request; its body is read already (the stream is spent) and passed as `body`. */
export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void

/** What a test upstream saw. */
export interface SeenRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

/** A real HTTP server on 127.0.0.1, port 0, whose handler each test sets. */
export interface LocalUpstream {
  /** `http://127.0.0.1:<port>`, set once the server listens. */
  origin: string
  server: Server
  /** Requests in arrival order, bodies read in full before the handler runs. */
  seen: SeenRequest[]
  /** TCP connections accepted so far. */
  connections: number
  /** Answers every request; a test switches behaviour by assigning another. */
  handle: Handler
  /** Forgets what was seen and counted, and answers with the handler it started with again. */
  reset(): void
  close(): Promise<void>
}

/** The upstream, not yet listening: `useLocalUpstream` hands it out before the suite starts. */
function createLocalUpstream(handle: Handler): LocalUpstream & { listen(): Promise<void> } {
  const upstream: LocalUpstream & { listen(): Promise<void> } = {
    origin: '',
    server: createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8')
        upstream.seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body,
        })
        upstream.handle(req, res, body)
      })
    }),
    seen: [],
    connections: 0,
    handle,
    reset() {
      upstream.seen = []
      upstream.connections = 0
      upstream.handle = handle
    },
    async listen() {
      await new Promise<void>((resolve) => upstream.server.listen(0, '127.0.0.1', resolve))
      upstream.origin = `http://127.0.0.1:${(upstream.server.address() as AddressInfo).port}`
    },
    async close() {
      upstream.server.closeAllConnections()
      await new Promise<void>((resolve) => upstream.server.close(() => resolve()))
    },
  }
  upstream.server.on('connection', () => upstream.connections++)
  return upstream
}

export async function startLocalUpstream(
  handle: Handler = (_req, res) => res.end('ok'),
): Promise<LocalUpstream> {
  const upstream = createLocalUpstream(handle)
  await upstream.listen()
  return upstream
}

/**
 * One upstream for the whole suite: listening before the first test, `reset` after each,
 * closed after the last. The object is returned at once so the suite can name it at the top.
 * With `scope: 'test'` it listens anew (on a new port) for every test, for suites whose tests
 * close it.
 */
export function useLocalUpstream(
  handle: Handler = (_req, res) => res.end('ok'),
  options: { scope?: 'suite' | 'test' } = {},
): LocalUpstream {
  const upstream = createLocalUpstream(handle)
  if (options.scope === 'test') {
    beforeEach(() => upstream.listen())
    afterEach(async () => {
      upstream.reset()
      if (upstream.server.listening) await upstream.close()
    })
  } else {
    beforeAll(() => upstream.listen())
    afterEach(() => upstream.reset())
    afterAll(() => upstream.close())
  }
  return upstream
}

/** A port that was bound and released: nothing listens there. */
export async function findClosedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}
