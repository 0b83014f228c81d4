/**
 * Loaded into a recorded Node process with `--import` (through NODE_OPTIONS, so child
 * processes are recorded too). Captures the process's HTTP exchanges with the contract's
 * upstream (`http`/`https` and `fetch`, through @mswjs/interceptors), lets each go through to
 * the real upstream unchanged, and sends a copy to the recorder over a local socket. Other
 * origins pass through untouched and unread. Nothing is written to disk here: the recorder
 * redacts before it writes.
 */
import { syncBuiltinESMExports } from 'node:module'
import { connect, type Socket } from 'node:net'
import { ClientRequestInterceptor } from '@mswjs/interceptors/ClientRequest'
import { FetchInterceptor } from '@mswjs/interceptors/fetch'
import type { CapturedExchange } from '../captured-exchange.js'
import { CHANNEL_ENV, encodeWireExchange, SCOPE_ENV } from './wire-exchange.js'

type Interceptor = ClientRequestInterceptor | FetchInterceptor

function inScope(url: string, scope: URL): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  const prefix = scope.pathname.replace(/\/+$/, '')
  return (
    parsed.origin === scope.origin &&
    (prefix === '' || parsed.pathname === prefix || parsed.pathname.startsWith(`${prefix}/`))
  )
}

function headerPairs(headers: Headers): [string, string][] {
  const pairs: [string, string][] = []
  // @note Fetch joins repeated headers with ", " except Set-Cookie, which it keeps apart.
  headers.forEach((value, name) => {
    if (name !== 'set-cookie') pairs.push([name, value])
  })
  for (const cookie of headers.getSetCookie()) pairs.push(['set-cookie', cookie])
  return pairs
}

/**
 * @param decodesResponses fetch hands out decoded bodies; `http` hands out the bytes as sent.
 */
function watch(
  interceptor: Interceptor,
  scope: URL,
  socket: Socket,
  decodesResponses: boolean,
): void {
  const requestBodies = new Map<string, Promise<ArrayBuffer>>()
  interceptor.on('request', ({ request, requestId }) => {
    if (inScope(request.url, scope)) requestBodies.set(requestId, request.clone().arrayBuffer())
  })
  // @note Awaited by the interceptor before the app sees the end of the response, so an
  // exchange is on the socket before the app can act on it (and exit).
  interceptor.on('response', async ({ request, requestId, response }) => {
    const requestBody = requestBodies.get(requestId)
    if (requestBody === undefined) return
    requestBodies.delete(requestId)
    try {
      const exchange: CapturedExchange = {
        method: request.method,
        url: request.url,
        requestHeaders: headerPairs(request.headers),
        requestBody: new Uint8Array(await requestBody),
        status: response.status,
        responseHeaders: headerPairs(response.headers),
        responseBody: new Uint8Array(await response.arrayBuffer()),
        responseBodyDecoded: decodesResponses,
      }
      socket.write(encodeWireExchange(exchange))
    } catch (error) {
      process.stderr.write(
        `upcheck record: an exchange with ${scope.origin} was not recorded: ${(error as Error).message}\n`,
      )
    }
  })
}

async function start(): Promise<void> {
  const channel = process.env[CHANNEL_ENV]
  const scopeText = process.env[SCOPE_ENV]
  if (!channel || !scopeText) return
  const scope = new URL(scopeText)
  let socket: Socket
  try {
    // Connected before the app's first line runs, so no exchange can come before the channel.
    socket = await new Promise<Socket>((resolve, reject) => {
      const s = connect(channel, () => resolve(s))
      s.once('error', reject)
    })
  } catch (error) {
    process.stderr.write(
      `upcheck record: cannot reach the recorder (${(error as Error).message}); process ${process.pid} is not recorded\n`,
    )
    return
  }
  socket.on('error', () => {
    // The recorder went away; the app goes on unrecorded.
  })
  // The channel must not keep the app alive once it is done.
  socket.unref()
  const http = new ClientRequestInterceptor()
  const fetch = new FetchInterceptor()
  watch(http, scope, socket, false)
  watch(fetch, scope, socket, true)
  http.apply()
  fetch.apply()
  // `import { request } from 'node:http'` binds the export, not the property the interceptor
  // replaced: refresh the ESM exports so apps importing that way are recorded too.
  syncBuiltinESMExports()
}

await start()
