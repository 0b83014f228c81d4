import type { Dispatcher } from 'undici'
import type { HttpInteraction, ProbeSettings } from '../model/index.js'
import { buildProbeRequest, prepareTarget, type ProbeRequest, type ProbeTarget } from './build-probe-request.js'
import { createConcurrencyGate, type ConcurrencyGate } from './concurrency-gate.js'
import { createUndiciPool } from './create-undici-pool.js'
import { isSafeMethod } from './is-safe-method.js'
import { realSleep, systemClock, type Clock, type Random, type Sleep } from './probe-deps.js'
import type { ProbeExchange, ResponseHeaders } from './probe-exchange.js'
import { createRateLimiter, type RateLimiter } from './rate-limiter.js'
import { buildRedirectRequest, describeLocation, isRedirectStatus } from './redirect-request.js'
import type { ResolvedUpstream } from './resolved-upstream.js'
import { decodeResponseBody } from './response-body.js'
import { computeRetryDelayMs, type RetryDelayOptions } from './retry-delay.js'
import { createScrubber } from './scrub-secrets.js'
import { sendOnce, type HopResult } from './send-once.js'

/** Replays interactions against one upstream. */
export interface ProbeClient {
  /** The upstream's origin, like `http://127.0.0.1:4017`. */
  readonly origin: string
  readonly settings: ProbeSettings
  /**
   * Replays one interaction: waits for a concurrency slot and the rate limit, sends,
   * retries, follows same-origin redirects. Resolves with what happened; never rejects
   * for an upstream fault.
   */
  replay(interaction: HttpInteraction): Promise<ProbeExchange>
  /** Closes the pool the client created. A dispatcher passed in is left open for its owner. */
  close(): Promise<void>
}

export interface ProbeClientOptions {
  upstream: ResolvedUpstream
  settings: ProbeSettings
  /**
   * Where requests go. Default: a keep-alive undici `Pool` for the upstream's origin with
   * `concurrency` connections (see `createUndiciPool`), closed by `close()`.
   */
  dispatcher?: Dispatcher
  /** Default: the system clock. Used for durations, the rate limit and `Retry-After` dates. */
  clock?: Clock
  /** Default: a real timer. Used for retry and rate-limit waits. */
  sleep?: Sleep
  /** Default: `Math.random`. The jitter of retry backoff. */
  random?: Random
  /** Defaults: `backoffBaseMs` 250, `backoffCapMs` 10000, `retryAfterCapMs` 60000. */
  retryDelay?: Partial<RetryDelayOptions>
  /** Same-origin redirects followed per try. Default 5. */
  maxRedirects?: number
}

/** How one try ended, before it becomes a {@link ProbeExchange}. */
type TryResult =
  | { kind: 'hop'; hop: HopResult; request: ProbeRequest; redirects: number }
  | { kind: 'cross-origin'; status: number; target: URL; request: ProbeRequest; redirects: number }
  | { kind: 'too-many-redirects'; status: number; target: URL; request: ProbeRequest; redirects: number }

/**
 * Creates a client that replays interactions against a resolved upstream with the
 * contract's probe settings. Throws `CONTRACT_INVALID` when the base URL is not an
 * absolute http(s) URL; every later fault is data in the result.
 *
 * @example
 * const client = createProbeClient({ upstream, settings: contract.probe })
 * try {
 *   const exchange = await client.replay(interaction)
 *   if (exchange.outcome === 'response') console.log(exchange.status, exchange.bodyText)
 * } finally {
 *   await client.close()
 * }
 */
export function createProbeClient(options: ProbeClientOptions): ProbeClient {
  const { settings } = options
  const target = prepareTarget(options.upstream)
  const ownsDispatcher = options.dispatcher === undefined
  const dispatcher = options.dispatcher ?? createUndiciPool(target.origin, settings)
  const clock = options.clock ?? systemClock
  const sleep = options.sleep ?? realSleep
  const random = options.random ?? Math.random
  const retryDelay: RetryDelayOptions = {
    backoffBaseMs: options.retryDelay?.backoffBaseMs ?? 250,
    backoffCapMs: options.retryDelay?.backoffCapMs ?? 10_000,
    retryAfterCapMs: options.retryDelay?.retryAfterCapMs ?? 60_000,
  }
  const prober = new Prober(
    target,
    settings,
    dispatcher,
    createConcurrencyGate(settings.concurrency),
    createRateLimiter({ ratePerSecond: settings.ratePerSecond, clock, sleep }),
    clock,
    sleep,
    random,
    retryDelay,
    options.maxRedirects ?? 5,
    createScrubber(options.upstream.secrets),
    options.upstream.secrets.some((secret) => secret.length > 0),
  )
  return {
    origin: target.origin,
    settings,
    replay: (interaction) => prober.replay(interaction),
    close: async () => {
      if (ownsDispatcher) await dispatcher.close()
    },
  }
}

class Prober {
  constructor(
    private readonly target: ProbeTarget,
    private readonly settings: ProbeSettings,
    private readonly dispatcher: Dispatcher,
    private readonly gate: ConcurrencyGate,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    private readonly sleep: Sleep,
    private readonly random: Random,
    private readonly retryDelay: RetryDelayOptions,
    private readonly maxRedirects: number,
    private readonly scrub: (text: string) => string,
    private readonly hasSecrets: boolean,
  ) {}

  async replay(interaction: HttpInteraction): Promise<ProbeExchange> {
    const method = interaction.request.method.toUpperCase()
    if (!this.settings.allowUnsafe && !isSafeMethod(method)) {
      return {
        outcome: 'skipped',
        reason: 'unsafe-method',
        method,
        detail: `${method} is not replayed unless probe.allowUnsafe is true`,
      }
    }
    const request = buildProbeRequest(interaction.request, this.target)
    const maxAttempts = this.settings.retries + 1
    for (let attempt = 1; ; attempt++) {
      await this.gate.acquire()
      let result: TryResult
      let durationMs: number
      try {
        await this.limiter.acquire()
        const started = this.clock.now()
        result = await this.try(request, started + this.settings.timeoutMs)
        durationMs = this.clock.now() - started
      } finally {
        this.gate.release()
      }
      const retryAfter = this.retryAfterOf(result)
      if (retryAfter === null || attempt >= maxAttempts) return this.toExchange(result, attempt, durationMs)
      const delay = computeRetryDelayMs(attempt, retryAfter, { random: this.random, nowMs: this.clock.now() }, this.retryDelay)
      if (delay > 0) await this.sleep(delay)
    }
  }

  /** One try: a request and the same-origin redirects it leads to, within one deadline. */
  private async try(first: ProbeRequest, deadline: number): Promise<TryResult> {
    const { origin } = this.target
    const limits = { timeoutMs: this.settings.timeoutMs, maxBodyBytes: this.settings.maxBodyBytes }
    let request = first
    for (let redirects = 0; ; redirects++) {
      if (redirects > 0) {
        await this.limiter.acquire()
        limits.timeoutMs = Math.max(1, deadline - this.clock.now())
      }
      const hop = await sendOnce(this.dispatcher, origin, request, limits)
      if (hop.kind !== 'response' || !isRedirectStatus(hop.status)) return { kind: 'hop', hop, request, redirects }
      const location = hop.headers.location
      if (typeof location !== 'string') return { kind: 'hop', hop, request, redirects }
      let next: URL
      try {
        next = new URL(location, origin + request.path)
      } catch {
        // @note An unreadable Location is the upstream's answer as it stands; matching judges it.
        return { kind: 'hop', hop, request, redirects }
      }
      if (next.origin !== origin) return { kind: 'cross-origin', status: hop.status, target: next, request, redirects }
      if (redirects >= this.maxRedirects) return { kind: 'too-many-redirects', status: hop.status, target: next, request, redirects }
      request = buildRedirectRequest(request, hop.status, next)
    }
  }

  /** The `Retry-After` value (or `undefined`) when the try may be repeated; `null` when it may not. */
  private retryAfterOf(result: TryResult): string | string[] | undefined | null {
    if (result.kind !== 'hop') return null
    const { hop } = result
    if (hop.kind === 'failed') return hop.reason === 'invalid-request' ? null : undefined
    if (hop.kind === 'response' && (hop.status >= 500 || hop.status === 429)) return hop.headers['retry-after']
    return null
  }

  private toExchange(result: TryResult, attempts: number, durationMs: number): ProbeExchange {
    const url = this.scrub(this.target.origin + result.request.path)
    if (result.kind === 'cross-origin') {
      return {
        outcome: 'cross-origin-redirect',
        status: result.status,
        locationOrigin: this.scrub(result.target.origin),
        location: this.scrub(describeLocation(result.target)),
        url,
        redirects: result.redirects,
        attempts,
        durationMs,
      }
    }
    if (result.kind === 'too-many-redirects') {
      return {
        outcome: 'too-many-redirects',
        status: result.status,
        location: this.scrub(describeLocation(result.target)),
        url,
        redirects: result.redirects,
        attempts,
        durationMs,
      }
    }
    const { hop } = result
    if (hop.kind === 'failed') {
      return { outcome: 'unreachable', reason: hop.reason, detail: this.scrub(hop.detail), url, attempts, durationMs }
    }
    if (hop.kind === 'too-large') {
      const exchange: ProbeExchange = {
        outcome: 'body-too-large',
        status: hop.status,
        headers: this.scrubHeaders(hop.headers),
        limitBytes: this.settings.maxBodyBytes,
        receivedBytes: hop.receivedBytes,
        url,
        attempts,
        durationMs,
      }
      if (hop.declaredBytes !== undefined) exchange.declaredBytes = hop.declaredBytes
      return exchange
    }
    if (hop.status >= 500 || hop.status === 429) {
      const rateLimited = hop.status === 429
      return {
        outcome: 'unreachable',
        reason: rateLimited ? 'rate-limited' : 'server-error',
        detail: `HTTP ${hop.status}${rateLimited ? ' (too many requests)' : ''} on ${attempts === 1 ? 'the only try' : `all ${attempts} tries`}`,
        status: hop.status,
        url,
        attempts,
        durationMs,
      }
    }
    const body = decodeResponseBody(hop.body, hop.headers['content-type'])
    return {
      outcome: 'response',
      status: hop.status,
      headers: this.scrubHeaders(hop.headers),
      bodyText: this.scrub(body.text),
      bodyEncoding: body.encoding,
      bodyBytes: hop.body.length,
      url,
      redirects: result.redirects,
      attempts,
      durationMs,
    }
  }

  private scrubHeaders(headers: ResponseHeaders): ResponseHeaders {
    if (!this.hasSecrets) return headers
    const out: ResponseHeaders = {}
    for (const name in headers) {
      const value = headers[name] as string | string[]
      out[name] = typeof value === 'string' ? this.scrub(value) : value.map(this.scrub)
    }
    return out
  }
}
