import { describe, expect, it } from 'vitest'
import { createTokenCache } from './create-token-cache.js'

const auth = {
  type: 'oauth2-client-credentials',
  tokenUrl: 'https://auth.example.com/token',
  clientId: 'id',
  clientSecret: 'secret-1234',
} as const

/** A cache whose token endpoint issues `t1`, `t2`… each living `expiresIn` seconds. */
function setup(expiresIn: number | undefined) {
  const clock = { ms: 0, now: () => clock.ms }
  let fetched = 0
  const fetch = (async () => {
    fetched++
    return Response.json({ access_token: `t${fetched}`, expires_in: expiresIn })
  }) as typeof globalThis.fetch
  const cache = createTokenCache({ clock, fetch, runCommand: async () => '' })
  return { clock, cache, fetches: () => fetched }
}

describe('createTokenCache', () => {
  it('reuses a token until a minute before it expires, then fetches a new one', async () => {
    const { clock, cache, fetches } = setup(3600)
    const credentials = cache.credentialsFor('posts-api', auth)
    expect(await credentials.current()).toBe('Bearer t1')
    clock.ms = 3_539_000
    expect(await credentials.current()).toBe('Bearer t1')
    clock.ms = 3_541_000
    expect(await credentials.current()).toBe('Bearer t2')
    expect(fetches()).toBe(2)
    expect(credentials.secrets()).toEqual(['t1', 't2'])
  })

  it('renews a short-lived token at half its lifetime rather than on every use', async () => {
    const { clock, cache } = setup(10)
    const credentials = cache.credentialsFor('posts-api', auth)
    expect(await credentials.current()).toBe('Bearer t1')
    clock.ms = 4_999
    expect(await credentials.current()).toBe('Bearer t1')
    clock.ms = 5_000
    expect(await credentials.current()).toBe('Bearer t2')
  })

  it('renews once for concurrent probes refused with the same token', async () => {
    const { cache, fetches } = setup(undefined)
    const credentials = cache.credentialsFor('posts-api', auth)
    const stale = await credentials.current()
    const renewed = await Promise.all([credentials.renew(stale), credentials.renew(stale)])
    expect(renewed).toEqual(['Bearer t2', 'Bearer t2'])
    expect(await credentials.renew(stale)).toBe('Bearer t2')
    expect(fetches()).toBe(2)
  })

  it('keeps one token per contract', async () => {
    const { cache } = setup(3600)
    expect(await cache.credentialsFor('a', auth).current()).toBe('Bearer t1')
    expect(await cache.credentialsFor('b', auth).current()).toBe('Bearer t2')
    expect(await cache.credentialsFor('a', auth).current()).toBe('Bearer t1')
  })
})
