import { Pool } from 'undici'
import type { ProbeSettings } from '../model/index.js'

/**
 * A keep-alive connection pool for one upstream origin, sized to the contract's
 * concurrency: the probes of a run reuse its sockets instead of connecting each time.
 * undici's own timeouts are backstops; the probe's deadline is the real limit.
 */
export function createUndiciPool(origin: string, settings: Pick<ProbeSettings, 'concurrency' | 'timeoutMs'>): Pool {
  return new Pool(origin, {
    connections: settings.concurrency,
    connect: { timeout: settings.timeoutMs },
    headersTimeout: settings.timeoutMs,
    bodyTimeout: settings.timeoutMs,
  })
}
