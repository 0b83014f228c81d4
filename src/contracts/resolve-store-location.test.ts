import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveStoreLocation } from './resolve-store-location.js'

describe('resolveStoreLocation', () => {
  it('resolves a SQLite path against the folder and keeps a URL as written', () => {
    const folder = resolve('project')
    expect(resolveStoreLocation(folder, '.upcheck/state.db')).toBe(
      resolve(folder, '.upcheck/state.db'),
    )
    expect(resolveStoreLocation(folder, 'postgres://upcheck@db.internal:5432/upcheck')).toBe(
      'postgres://upcheck@db.internal:5432/upcheck',
    )
    expect(resolveStoreLocation(folder, 'postgresql://db/upcheck')).toBe('postgresql://db/upcheck')
  })
})
