import {
  Agent as HttpAgent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { AddressInfo } from 'node:net'
import { pipeline } from 'node:stream'
import { UpcheckError } from '../../model/index.js'
import type { CapturedExchange, HeaderPairs } from '../captured-exchange.js'
import { CaptureStream } from './capture-stream.js'

export interface RecordingProxyOptions {
  /** Where requests go: the upstream's origin, like `https://api.example.com`. */
  upstreamOrigin: string
  /** Port to listen on; 0 picks a free one (read it back from `port`). */
  port: number
  /** Default `127.0.0.1`: the proxy forwards the app's credentials, so it is not offered to the network. */
  host?: string
  /** Larger bodies still pass through, but their exchange is not recorded. */
  maxBodyBytes: number
  /** Each complete exchange, before the client sees the end of the response. */
  onExchange(exchange: CapturedExchange): void
  /** An exchange that was not recorded, and why. */
  onProblem(problem: ProxyProblem): void
}

export interface ProxyProblem {
  method: string
  /** The request's path without its query (which may hold credentials). */
  path: string
  reason: string
}

export interface RecordingProxy {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string
  readonly port: number
  /**
   * Stops accepting connections, lets exchanges in flight finish for up to `graceMs`
   * (default 2000), then closes whatever is left.
   */
  close(graceMs?: number): Promise<void>
}

/** Headers that describe one connection; each hop sets its own (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
])

function toPairs(raw: readonly string[]): [string, string][] {
  const pairs: [string, string][] = []
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!])
  return pairs
}

/** Pairs to Node's header object, hop-by-hop headers (and those a `Connection` header lists) left out. */
function forwardable(
  pairs: HeaderPairs,
  rewrite?: (name: string, value: string) => string,
): OutgoingHttpHeaders {
  const listed = new Set<string>()
  for (const [name, value] of pairs) {
    if (name.toLowerCase() === 'connection')
      for (const token of value.split(',')) listed.add(token.trim().toLowerCase())
  }
  const out: Record<string, string | string[]> = {}
  const spelling = new Map<string, string>()
  for (const [name, rawValue] of pairs) {
    const lower = name.toLowerCase()
    if (HOP_BY_HOP.has(lower) || listed.has(lower)) continue
    const value = rewrite ? rewrite(lower, rawValue) : rawValue
    const key = spelling.get(lower) ?? name
    spelling.set(lower, key)
    const previous = out[key]
    out[key] = previous === undefined ? value : ([] as string[]).concat(previous, value)
  }
  return out
}

/**
 * A reverse proxy from 127.0.0.1 to one upstream that reports every exchange through it.
 * Bodies stream both ways (a copy of each, up to `maxBodyBytes`, is kept for the recording);
 * `Host` names the upstream; a `Location` pointing at the upstream points back at the proxy, so
 * the app's next request is recorded too. The app's own headers, credentials included, go
 * through as sent: the proxy adds none.
 * @throws UpcheckError `RECORD_FAILED` when the port cannot be listened on.
 */
export async function startRecordingProxy(options: RecordingProxyOptions): Promise<RecordingProxy> {
  const upstream = new URL(options.upstreamOrigin)
  const secure = upstream.protocol === 'https:'
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true })
  const send = secure ? httpsRequest : httpRequest
  let inFlight = 0
  let idle: (() => void) | undefined
  let proxyOrigin = ''

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const method = (req.method ?? 'GET').toUpperCase()
    const target = req.url ?? '/'
    const path = target.split('?', 1)[0]!
    if (!target.startsWith('/')) {
      res
        .writeHead(400, { 'content-type': 'text/plain' })
        .end(
          'upcheck record: send requests with a path (this is a reverse proxy, not a forward proxy)\n',
        )
      return
    }
    inFlight++
    res.once('close', () => {
      if (--inFlight === 0) idle?.()
    })
    const requestHeaders = toPairs(req.rawHeaders)
    const outgoing = forwardable(requestHeaders)
    outgoing.host = upstream.host
    const requestCapture = new CaptureStream(options.maxBodyBytes)
    const upstreamRequest = send({
      protocol: upstream.protocol,
      hostname: upstream.hostname,
      port: upstream.port,
      method,
      path: target,
      headers: outgoing,
      agent,
    })

    upstreamRequest.once('error', (error: NodeJS.ErrnoException) => {
      const reason = `the upstream did not answer (${error.code ?? error.message})`
      options.onProblem({ method, path, reason })
      if (!res.headersSent)
        res.writeHead(502, { 'content-type': 'text/plain' }).end(`upcheck record: ${reason}\n`)
      else res.destroy()
    })
    upstreamRequest.once('response', (upstreamResponse) => {
      const status = upstreamResponse.statusCode ?? 502
      const responseHeaders = toPairs(upstreamResponse.rawHeaders)
      const responseCapture = new CaptureStream(
        options.maxBodyBytes,
        (responseBody, overflowed) => {
          if (overflowed || requestCapture.overflowed) {
            options.onProblem({
              method,
              path,
              reason: `a body is over ${options.maxBodyBytes} bytes (probe.maxBodyBytes)`,
            })
            return
          }
          try {
            options.onExchange({
              method,
              url: upstream.origin + target,
              requestHeaders,
              requestBody: requestCapture.captured(),
              status,
              responseHeaders,
              responseBody,
            })
          } catch (error) {
            options.onProblem({ method, path, reason: (error as Error).message })
          }
        },
      )
      res.writeHead(
        status,
        upstreamResponse.statusMessage,
        forwardable(responseHeaders, (name, value) =>
          name === 'location' && value.startsWith(upstream.origin)
            ? proxyOrigin + value.slice(upstream.origin.length)
            : value,
        ),
      )
      pipeline(upstreamResponse, responseCapture, res, (error) => {
        if (error && !res.writableFinished)
          options.onProblem({
            method,
            path,
            reason: `the exchange broke off (${(error as NodeJS.ErrnoException).code ?? error.message})`,
          })
      })
    })
    pipeline(req, requestCapture, upstreamRequest, () => {
      // Errors surface on the upstream request ('error' above) or the response pipeline.
    })
    res.once('close', () => {
      if (!res.writableFinished) upstreamRequest.destroy()
    })
  }

  const server = createServer(handle)
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new UpcheckError(
          'RECORD_FAILED',
          `Failed to listen on ${options.host ?? '127.0.0.1'}:${options.port}: ${error.code ?? error.message}. Pick another --port, or 0 for any free one.`,
          { cause: error },
        ),
      ),
    )
    server.listen(options.port, options.host ?? '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  proxyOrigin = `http://${options.host ?? '127.0.0.1'}:${port}`

  return {
    url: proxyOrigin,
    port,
    async close(graceMs = 2000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, graceMs)
          idle = () => {
            clearTimeout(timer)
            resolve()
          }
        })
      }
      server.closeAllConnections()
      agent.destroy()
      await closed
    },
  }
}
