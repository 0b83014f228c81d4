import type { Dispatcher } from 'undici'
import type { ProbeRequest } from './build-probe-request.js'
import { classifyNetworkError } from './classify-network-error.js'
import type { ResponseHeaders, UnreachableReason } from './probe-exchange.js'

/** What one HTTP exchange (one hop, no redirects, no retry) came to. */
export type HopResult =
  | { kind: 'response'; status: number; headers: ResponseHeaders; body: Buffer }
  | {
      kind: 'too-large'
      status: number
      headers: ResponseHeaders
      receivedBytes: number
      declaredBytes?: number
    }
  | { kind: 'failed'; reason: UnreachableReason; detail: string }

export interface HopLimits {
  /** Ms from now until the hop is given up as a timeout: connecting, sending, headers and body together. */
  timeoutMs: number
  /** Largest body read; more stops the hop and closes the connection. */
  maxBodyBytes: number
}

/** Thrown into undici to stop a hop; never reaches the caller. */
class HopStopped extends Error {
  override readonly name = 'HopStopped'
}

const EMPTY = Buffer.alloc(0)

/**
 * Sends one request through `dispatcher` and reads the response up to `maxBodyBytes`, all
 * within `timeoutMs`. Resolves, never rejects. Stopping early (deadline, body too large)
 * aborts the request, which makes undici destroy the connection instead of returning it
 * to the pool half-read.
 *
 * @note Uses undici's handler API instead of `request()`: no Readable per response, and a
 * deadline that also covers the time before a socket is assigned, where `request()`'s
 * signal would wait for the connection first.
 */
export function sendOnce(
  dispatcher: Dispatcher,
  origin: string,
  request: ProbeRequest,
  limits: HopLimits,
): Promise<HopResult> {
  return new Promise<HopResult>((resolve) => {
    const handler = new HopHandler(request.method, limits, resolve)
    dispatcher.dispatch(
      {
        origin,
        path: request.path,
        method: request.method as Dispatcher.HttpMethod,
        headers: request.headers,
        body: request.body,
      },
      handler,
    )
  })
}

class HopHandler implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | null = null
  private status = 0
  private headers: ResponseHeaders | null = null
  private chunks: Buffer[] = []
  private received = 0
  private settled = false
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly method: string,
    private readonly limits: HopLimits,
    private readonly resolve: (result: HopResult) => void,
  ) {
    this.timer = setTimeout(onDeadline, limits.timeoutMs, this)
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    // @note The deadline may pass while the request waits for a connection; stop it when it gets one.
    if (this.settled)
      controller.abort(new HopStopped('deadline passed before the request was sent'))
    else this.controller = controller
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    status: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    if (this.settled || status < 200) return
    this.status = status
    this.headers = headers as ResponseHeaders
    const declared = declaredLength(headers['content-length'])
    if (
      declared !== undefined &&
      declared > this.limits.maxBodyBytes &&
      this.method !== 'HEAD' &&
      status !== 204 &&
      status !== 304
    ) {
      this.stop(
        {
          kind: 'too-large',
          status,
          headers: this.headers,
          receivedBytes: 0,
          declaredBytes: declared,
        },
        controller,
      )
    }
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.settled) return
    this.received += chunk.length
    if (this.received > this.limits.maxBodyBytes) {
      const declaredBytes = declaredLength(this.headers?.['content-length'])
      const result: HopResult = {
        kind: 'too-large',
        status: this.status,
        headers: this.headers ?? {},
        receivedBytes: this.received,
      }
      if (declaredBytes !== undefined) result.declaredBytes = declaredBytes
      this.chunks = []
      this.stop(result, controller)
      return
    }
    this.chunks.push(chunk)
  }

  onResponseEnd(): void {
    if (this.settled) return
    const { chunks } = this
    const body =
      chunks.length === 0
        ? EMPTY
        : chunks.length === 1
          ? (chunks[0] as Buffer)
          : Buffer.concat(chunks, this.received)
    this.settle({ kind: 'response', status: this.status, headers: this.headers ?? {}, body })
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.settled) return
    const fault = classifyNetworkError(error)
    const detail =
      this.headers === null
        ? fault.detail
        : `${fault.detail} after ${this.received} body bytes of an HTTP ${this.status}`
    this.chunks = []
    this.settle({ kind: 'failed', reason: fault.reason, detail })
  }

  /** Called by the deadline timer. */
  expire(): void {
    if (this.settled) return
    const ms = this.limits.timeoutMs
    const detail =
      this.controller === null
        ? `not connected within ${ms} ms`
        : this.headers === null
          ? `no response headers within ${ms} ms`
          : `response body incomplete after ${ms} ms (${this.received} bytes received)`
    this.chunks = []
    this.stop({ kind: 'failed', reason: 'timeout', detail }, this.controller)
  }

  private stop(result: HopResult, controller: Dispatcher.DispatchController | null): void {
    this.settle(result)
    controller?.abort(new HopStopped(result.kind))
  }

  private settle(result: HopResult): void {
    this.settled = true
    clearTimeout(this.timer)
    this.resolve(result)
  }
}

function onDeadline(handler: HopHandler): void {
  handler.expire()
}

function declaredLength(value: string | string[] | undefined): number | undefined {
  if (typeof value !== 'string') return undefined
  const length = Number(value)
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined
}
