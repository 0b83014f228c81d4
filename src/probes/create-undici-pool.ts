import { createRequire } from 'node:module'
import type { Pool as UndiciPool } from 'undici'
// @note undici's index loads all of undici (fetch, WebSocket, caches): 118 ms of CPU against
// 43 ms for the pool alone (medians of 21 fresh processes), and every `upcheck` start pays it.
// The path is not public, so undici is pinned exactly in package.json and
// create-undici-pool.test.ts fails when an upgrade moves or changes it. Types come from the index.
const Pool = createRequire(import.meta.url)('undici/lib/dispatcher/pool.js') as typeof UndiciPool
import type { ProbeSettings } from '../model/index.js'

/**
 * A keep-alive connection pool for one upstream origin, sized to the contract's
 * concurrency: the probes of a run reuse its sockets instead of connecting each time.
 * undici's own timeouts are backstops; the probe's deadline is the real limit.
 */
export function createUndiciPool(
  origin: string,
  settings: Pick<ProbeSettings, 'concurrency' | 'timeoutMs'>,
): UndiciPool {
  return new Pool(origin, {
    connections: settings.concurrency,
    connect: { timeout: settings.timeoutMs },
    headersTimeout: settings.timeoutMs,
    bodyTimeout: settings.timeoutMs,
  })
}
