import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Registry } from 'prom-client'
import { UpcheckError } from '../model/index.js'
import { renderReportPage, type ReportPage, type StatusSnapshot } from '../reports/index.js'

/** Seconds between the status page's own reloads. */
export const STATUS_PAGE_REFRESH_SECONDS = 30

export interface StatusServerOptions {
  /** 0 picks a free port. */
  port: number
  /** Default 127.0.0.1: the page names owners and findings, so it is not published unless asked. */
  host?: string
  snapshot(): Promise<StatusSnapshot>
  /** The status page: what `reports/index.html` shows, rendered by the same code, live. */
  page(): Promise<{ page: ReportPage; scrub: (text: string) => string }>
  metrics: Registry
  /** `/healthz` answers 503 once this turns false (the daemon is stopping). */
  healthy(): boolean
}

export interface StatusServer {
  /** Like `http://127.0.0.1:8080/`. */
  url: string
  close(): Promise<void>
}

/** Serves `/` (the status page), `/status.json`, `/metrics` (Prometheus text) and `/healthz`. */
export async function startStatusServer(options: StatusServerOptions): Promise<StatusServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end()
      return
    }
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
      res.end(req.method === 'HEAD' ? undefined : body)
    }
    const failed = (error: Error) => send(500, 'text/plain', `status failed: ${error.message}\n`)
    try {
      switch (path) {
        case '/':
          options
            .page()
            .then(({ page, scrub }) =>
              send(
                200,
                'text/html; charset=utf-8',
                renderReportPage(page, {
                  scrub,
                  refreshSeconds: STATUS_PAGE_REFRESH_SECONDS,
                  links: [
                    ['status.json', 'status.json'],
                    ['metrics', 'metrics'],
                  ],
                }),
              ),
            )
            .catch(failed)
          return
        case '/status.json':
          options
            .snapshot()
            .then((snapshot) =>
              send(200, 'application/json', `${JSON.stringify(snapshot, null, 2)}\n`),
            )
            .catch(failed)
          return
        case '/healthz':
          if (options.healthy()) send(200, 'text/plain', 'ok\n')
          else send(503, 'text/plain', 'stopping\n')
          return
        case '/metrics':
          options.metrics.metrics().then(
            (text) => send(200, options.metrics.contentType, text),
            (error: Error) => send(500, 'text/plain', `metrics failed: ${error.message}\n`),
          )
          return
        default:
          send(404, 'text/plain', 'not found: try /, /status.json, /metrics or /healthz\n')
      }
    } catch (error) {
      failed(error as Error)
    }
  })
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new UpcheckError(
          'USAGE',
          `Failed to serve the status page on ${host}:${options.port}: ${error.message}. Pick another --port.`,
          { cause: error },
        ),
      ),
    )
    server.listen(options.port, host, () => resolve())
  })
  const address = server.address() as AddressInfo
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${shownHost}:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
