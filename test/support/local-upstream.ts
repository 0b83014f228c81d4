import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Handler = (req: IncomingMessage, res: ServerResponse) => void

/** A real upstream on 127.0.0.1 whose behaviour a test switches between runs. */
export async function startUpstream(
  handler: Handler,
): Promise<{ url: string; server: Server; setHandler(h: Handler): void; close(): Promise<void> }> {
  let current = handler
  const server = createServer((req, res) => current(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    setHandler: (h) => (current = h),
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

/** A V4 HTTP interaction whose response body is type-matched from the root. */
export function typedInteraction(description: string, path: string, body: unknown, method = 'GET') {
  return {
    type: 'Synchronous/HTTP',
    description,
    request: { method, path },
    response: {
      status: 200,
      headers: { 'Content-Type': ['application/json'] },
      body: { contentType: 'application/json', encoded: false, content: body },
      matchingRules: { body: { $: { combine: 'AND', matchers: [{ match: 'type' }] } } },
    },
  }
}
