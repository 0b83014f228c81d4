/** Socket errors that mean the server went away or is not there yet, not that the work was wrong. */
const LOST_SOCKET_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTCONN',
])

/**
 * SQLSTATEs of a server that is restarting or dropped the session: admin_shutdown (57P01,
 * a fast shutdown or `pg_terminate_backend`), crash_shutdown (57P02), cannot_connect_now
 * (57P03, still starting up), and class 08, connection exceptions.
 */
const LOST_SQLSTATES = /^(57P0[123]|08...)$/

/** node-postgres's own words for a connection that died under a query or in the pool. */
const LOST_MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect/i

/**
 * Whether `error` says the connection to the store was lost or refused (so the same work may
 * be tried again on a new one), as opposed to the work itself failing.
 */
export function isConnectionLost(error: unknown): boolean {
  if (error instanceof AggregateError && error.errors.length > 0)
    return error.errors.every(isConnectionLost)
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && (LOST_SOCKET_CODES.has(code) || LOST_SQLSTATES.test(code)))
    return true
  return LOST_MESSAGES.test(error.message)
}

export interface RetryOptions {
  /** Give up (rethrowing the last error) once this long has passed since the first try. */
  budgetMs: number
  /** Called before each wait, to log it. */
  onRetry?(error: unknown, attempt: number, waitMs: number): void
  /** Default `Date.now`. */
  now?(): number
  /** Default a timer. */
  wait?(ms: number): Promise<void>
}

/** The first wait; it doubles up to {@link MAX_WAIT_MS}. */
const FIRST_WAIT_MS = 100
const MAX_WAIT_MS = 2_000

/**
 * Runs `work(attempt)` (1, 2, …) again, with backoff, while it fails with a lost connection
 * and the budget lasts: a server restart or failover of a few seconds costs a delay, never
 * the work. Any other error is thrown at once.
 * @note `work` must be safe to repeat: a transaction whose COMMIT reply was lost may have
 * committed, so a write repeated on attempt 2+ checks whether it already happened.
 */
export async function retryOnConnectionLoss<T>(
  work: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const now = options.now ?? Date.now
  const wait =
    options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const started = now()
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt)
    } catch (error) {
      const waitMs = Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (attempt - 1))
      if (!isConnectionLost(error) || now() - started + waitMs > options.budgetMs) throw error
      options.onRetry?.(error, attempt, waitMs)
      await wait(waitMs)
    }
  }
}
