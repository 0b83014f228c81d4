export * from './probe-exchange.js'
export * from './resolved-upstream.js'
export * from './probe-deps.js'
export * from './probe-client.js'
export { forEachConcurrently } from './for-each-concurrently.js'
export { createUndiciPool } from './create-undici-pool.js'
export {
  buildProbeRequest,
  prepareTarget,
  type ProbeRequest,
  type ProbeTarget,
} from './build-probe-request.js'
export { describeUnsafeSkip, isSafeMethod } from './is-safe-method.js'
export { parseRetryAfter, computeBackoffMs, type RetryDelayOptions } from './retry-delay.js'
export { createRateLimiter, type RateLimiter, type RateLimiterOptions } from './rate-limiter.js'
export type { UpstreamCredentials } from './upstream-credentials.js'
export {
  createTokenCache,
  type TokenCache,
  type TokenCacheDeps,
  type RunCommand,
} from './create-token-cache.js'
export { createTokenCommandRunner } from './run-token-command.js'
