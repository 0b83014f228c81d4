import { createRequire } from 'node:module'
import { Pool } from 'undici'
import { describe, expect, it } from 'vitest'
import { createUndiciPool } from './create-undici-pool.js'

const require = createRequire(import.meta.url)

/**
 * @note createUndiciPool loads undici's Pool from a private path to keep start-up short; these
 * tests are what stands between an undici upgrade and a pool that is no longer undici's.
 */
describe("undici's pool, loaded from its private path", () => {
  it('is the class undici exports as Pool', () => {
    const pool = createUndiciPool('http://127.0.0.1:9', { concurrency: 1, timeoutMs: 1000 })
    try {
      expect(require('undici/lib/dispatcher/pool.js')).toBe(Pool)
      expect(pool).toBeInstanceOf(Pool)
    } finally {
      void pool.close()
    }
  })

  it('comes from the undici version package.json pins exactly', () => {
    const pinned = (require('../../package.json') as { dependencies: Record<string, string> })
      .dependencies.undici
    const installed = (require('undici/package.json') as { version: string }).version
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/)
    expect(installed).toBe(pinned)
  })
})
