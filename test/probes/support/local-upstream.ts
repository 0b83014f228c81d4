import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Handler = (req: IncomingMessage, res: ServerResponse) => void

/** What a test upstream saw. */
export interface SeenRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

/** A real HTTP server on 127.0.0.1, port 0, whose handler each test sets. */
export interface LocalUpstream {
  origin: string
  server: Server
  /** Requests in arrival order, bodies read in full before the handler runs. */
  seen: SeenRequest[]
  /** TCP connections accepted so far. */
  connections: number
  handle: Handler
  reset(): void
  close(): Promise<void>
}

export async function startLocalUpstream(
  handle: Handler = (_req, res) => res.end('ok'),
): Promise<LocalUpstream> {
  const upstream: LocalUpstream = {
    origin: '',
    server: undefined as unknown as Server,
    seen: [],
    connections: 0,
    handle,
    reset() {
      upstream.seen = []
      upstream.connections = 0
    },
    async close() {
      upstream.server.closeAllConnections()
      await new Promise<void>((resolve) => upstream.server.close(() => resolve()))
    },
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      upstream.seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      })
      upstream.handle(req, res)
    })
  })
  server.on('connection', () => upstream.connections++)
  upstream.server = server
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  upstream.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
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
