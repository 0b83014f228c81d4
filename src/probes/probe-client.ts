import type { Dispatcher } from 'undici'
import {
  invariant,
  type HttpInteraction,
  type ProbeSettings,
  type SentRequest,
} from '../model/index.js'
import {
  buildExchange,
  isRetryable,
  type ExchangeContext,
  type TryResult,
} from './build-exchange.js'
import { buildProbeRequest, prepareTarget, type ProbeRequest } from './build-probe-request.js'
import { createConcurrencyGate } from './concurrency-gate.js'
import { createUndiciPool } from './create-undici-pool.js'
import { describeUnsafeSkip, isSafeMethod } from './is-safe-method.js'
import { realSleep, systemClock, type Clock, type Random, type Sleep } from './probe-deps.js'
import type { ProbeExchange } from './probe-exchange.js'
import { createRateLimiter } from './rate-limiter.js'
import { buildRedirectRequest, isRedirectStatus } from './redirect-request.js'
import type { ResolvedUpstream } from './resolved-upstream.js'
import { computeRetryDelayMs, type RetryDelayOptions } from './retry-delay.js'
import { createSecretScrubber, excerptText } from '../text/index.js'
import { sendOnce } from './send-once.js'

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
  /**
   * The request `replay` sends for an interaction, for a failing probe's evidence: the
   * contract's headers included, every value scrubbed of the upstream's secrets, the body cut
   * to an excerpt. Built again on demand, so passing probes cost nothing.
   */
  describeRequest(interaction: HttpInteraction): SentRequest
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
  checkSettings(settings)
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
  const gate = createConcurrencyGate(settings.concurrency)
  const limiter = createRateLimiter({ ratePerSecond: settings.ratePerSecond, clock, sleep })
  const maxRedirects = options.maxRedirects ?? 5
  const { credentials } = options.upstream
  let scrubber = createSecretScrubber(options.upstream.secrets)
  const context: ExchangeContext = {
    origin: target.origin,
    maxBodyBytes: settings.maxBodyBytes,
    scrub: (text) => scrubber.scrub(text),
    hasSecrets: credentials !== undefined || options.upstream.secrets.some((s) => s.length > 0),
  }

  /** The request with the current token, which the scrubber learns before anything is sent. */
  function authorize(request: ProbeRequest, authorization: string): ProbeRequest {
    scrubber = scrubber.including(credentials!.secrets())
    return { ...request, headers: { ...request.headers, authorization } }
  }

  /** One try: a request and the same-origin redirects it leads to, within one deadline. */
  async function tryOnce(first: ProbeRequest, deadline: number): Promise<TryResult> {
    const { origin } = target
    const limits = { timeoutMs: settings.timeoutMs, maxBodyBytes: settings.maxBodyBytes }
    let request = first
    for (let redirects = 0; ; redirects++) {
      if (redirects > 0) {
        await limiter.acquire()
        limits.timeoutMs = Math.max(1, deadline - clock.now())
      }
      const hop = await sendOnce(dispatcher, origin, request, limits)
      if (hop.kind !== 'response' || !isRedirectStatus(hop.status))
        return { kind: 'hop', hop, request, redirects }
      const location = hop.headers.location
      if (typeof location !== 'string') return { kind: 'hop', hop, request, redirects }
      let next: URL
      try {
        next = new URL(location, origin + request.path)
      } catch {
        // @note An unreadable Location is the upstream's answer as it stands; matching judges it.
        return { kind: 'hop', hop, request, redirects }
      }
      if (next.origin !== origin)
        return { kind: 'cross-origin', status: hop.status, target: next, request, redirects }
      if (redirects >= maxRedirects)
        return { kind: 'too-many-redirects', status: hop.status, target: next, request, redirects }
      request = buildRedirectRequest(request, hop.status, next)
    }
  }

  async function replay(interaction: HttpInteraction): Promise<ProbeExchange> {
    const method = interaction.request.method.toUpperCase()
    if (!settings.allowUnsafe && !isSafeMethod(method)) {
      return {
        outcome: 'skipped',
        reason: 'unsafe-method',
        method,
        detail: describeUnsafeSkip(method),
      }
    }
    let request = buildProbeRequest(interaction.request, target)
    const safe = isSafeMethod(method)
    const maxAttempts = settings.retries + 1
    // @note A token fetch failing is not the upstream's fault: it rejects, as a contract error.
    let authorization = credentials && (await credentials.current())
    if (authorization !== undefined) request = authorize(request, authorization)
    let renewed = false
    for (let attempt = 1; ; attempt++) {
      // @note Slot first, then rate: a request granted a rate slot is sent at once, so
      // waiting for concurrency can never bunch requests above the rate.
      await gate.acquire()
      let result: TryResult
      let durationMs: number
      try {
        await limiter.acquire()
        const started = clock.now()
        result = await tryOnce(request, started + settings.timeoutMs)
        durationMs = clock.now() - started
      } finally {
        gate.release()
      }
      if (
        authorization !== undefined &&
        !renewed &&
        result.kind === 'hop' &&
        result.hop.kind === 'response' &&
        result.hop.status === 401
      ) {
        // An expired or revoked token: renewed once, and this try does not count.
        renewed = true
        authorization = await credentials!.renew(authorization)
        request = authorize(request, authorization)
        attempt--
        continue
      }
      if (attempt >= maxAttempts || !isRetryable(result, safe))
        return buildExchange(result, attempt, durationMs, context)
      const retryAfter =
        result.kind === 'hop' && result.hop.kind === 'response'
          ? result.hop.headers['retry-after']
          : undefined
      const delay = computeRetryDelayMs(
        attempt,
        retryAfter,
        { random, nowMs: clock.now() },
        retryDelay,
      )
      if (delay > 0) await sleep(delay)
    }
  }

  function describeRequest(interaction: HttpInteraction): SentRequest {
    const request = buildProbeRequest(interaction.request, target)
    const { scrub } = context
    const headers: SentRequest['headers'] = {}
    for (const name in request.headers) {
      const value = request.headers[name] as string | string[]
      headers[name] = typeof value === 'string' ? scrub(value) : value.map(scrub)
    }
    const sent: SentRequest = {
      method: request.method,
      url: scrub(target.origin + request.path),
      headers,
    }
    if (request.body !== null) {
      const binary = typeof request.body !== 'string'
      const text = binary
        ? (request.body as Buffer).toString('base64')
        : scrub(request.body as string)
      sent.body = { ...excerptText(text), encoding: binary ? 'base64' : 'utf8' }
    }
    return sent
  }

  return {
    origin: target.origin,
    settings,
    replay,
    describeRequest,
    close: async () => {
      if (ownsDispatcher) await dispatcher.close()
    },
  }
}

/** Settings come validated from the contract loader; this guards callers that build their own. */
function checkSettings(settings: ProbeSettings): void {
  const wholeAbove = (value: number, min: number) => Number.isInteger(value) && value >= min
  const problems: string[] = []
  if (!wholeAbove(settings.concurrency, 1))
    problems.push(`probe.concurrency must be a whole number above 0, got ${settings.concurrency}`)
  if (!(settings.ratePerSecond > 0))
    problems.push(`probe.ratePerSecond must be above 0, got ${settings.ratePerSecond}`)
  if (!wholeAbove(settings.retries, 0))
    problems.push(`probe.retries must be a whole number from 0, got ${settings.retries}`)
  if (!(settings.timeoutMs > 0))
    problems.push(`probe.timeoutMs must be above 0, got ${settings.timeoutMs}`)
  if (!wholeAbove(settings.maxBodyBytes, 0))
    problems.push(`probe.maxBodyBytes must be a whole number from 0, got ${settings.maxBodyBytes}`)
  invariant(problems.length === 0, 'CONTRACT_INVALID', `${problems.join('; ')}.`, {
    location: { path: 'probe' },
  })
}
