import { UpcheckError } from '../model/index.js'
import type { TokenAuth } from '../contracts/index.js'
import type { Clock } from './probe-deps.js'
import type { UpstreamCredentials } from './upstream-credentials.js'

/** Runs a program without a shell and resolves with its standard output. */
export type RunCommand = (argv: readonly string[], timeoutMs: number) => Promise<string>

export interface TokenCacheDeps {
  clock: Clock
  /** Fetches the OAuth 2 token endpoint (which may be another origin than the upstream). */
  fetch: typeof fetch
  runCommand: RunCommand
  /**
   * A token this close to its expiry is renewed before use (at most half its lifetime, so a
   * short-lived token is still reused). Default 60000 ms.
   */
  renewBeforeMs?: number
}

/** Hands out upstream credentials whose tokens are kept in memory per contract. */
export interface TokenCache {
  credentialsFor(contractName: string, auth: TokenAuth): UpstreamCredentials
}

interface CachedToken {
  token: string
  /** Epoch ms after which it is renewed before use; `Infinity` keeps it until a 401. */
  renewAt: number
}

/**
 * A token cache: one token per contract, fetched on first use, renewed before it expires and
 * once after a 401, shared by concurrent probes (one fetch in flight at a time). Tokens are
 * never written anywhere; `secrets()` lists them so every output can scrub them.
 */
export function createTokenCache(deps: TokenCacheDeps): TokenCache {
  const renewBeforeMs = deps.renewBeforeMs ?? 60_000
  const cached = new Map<string, CachedToken>()
  const pending = new Map<string, Promise<CachedToken>>()
  const issued = new Map<string, string[]>()

  function obtain(name: string, auth: TokenAuth): Promise<CachedToken> {
    let promise = pending.get(name)
    if (!promise) {
      promise = (
        auth.type === 'command'
          ? obtainCommandToken(auth, deps.runCommand)
          : fetchClientCredentials(auth, deps, renewBeforeMs)
      )
        .then((fresh) => {
          cached.set(name, fresh)
          const list = issued.get(name) ?? []
          list.push(fresh.token)
          issued.set(name, list)
          return fresh
        })
        .finally(() => pending.delete(name))
      pending.set(name, promise)
    }
    return promise
  }

  return {
    credentialsFor(name, auth) {
      const bearer = (token: CachedToken) => `Bearer ${token.token}`
      return {
        async current() {
          const token = cached.get(name)
          if (token && deps.clock.now() < token.renewAt) return bearer(token)
          return bearer(await obtain(name, auth))
        },
        async renew(stale) {
          const token = cached.get(name)
          // @note Concurrent probes refused with the same token renew it once, not each.
          if (token && bearer(token) !== stale) return bearer(token)
          cached.delete(name)
          return bearer(await obtain(name, auth))
        },
        secrets: () => issued.get(name) ?? [],
      }
    },
  }
}

async function fetchClientCredentials(
  auth: Extract<TokenAuth, { type: 'oauth2-client-credentials' }>,
  deps: Pick<TokenCacheDeps, 'fetch' | 'clock'>,
  renewBeforeMs: number,
): Promise<CachedToken> {
  // @note client_secret_post (RFC 6749 2.3.1): the form every major auth server accepts.
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: auth.clientId,
    client_secret: auth.clientSecret,
  })
  if (auth.scope !== undefined) form.set('scope', auth.scope)
  if (auth.audience !== undefined) form.set('audience', auth.audience)
  const where = `the token endpoint ${new URL(auth.tokenUrl).origin}`
  const startedAt = deps.clock.now()
  let response: Response
  try {
    response = await deps.fetch(auth.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form,
    })
  } catch (cause) {
    throw authFailed(`${where} cannot be reached (${(cause as Error).message})`, cause)
  }
  // The body is never quoted: an auth server's error may echo the client secret.
  if (!response.ok) {
    await response.body?.cancel()
    throw authFailed(
      `${where} answered ${response.status}. Check upstream.auth's client id, secret and scope`,
    )
  }
  let body: { access_token?: unknown; expires_in?: unknown }
  try {
    body = (await response.json()) as typeof body
  } catch (cause) {
    throw authFailed(`${where} did not answer JSON`, cause)
  }
  if (typeof body.access_token !== 'string' || body.access_token.length === 0)
    throw authFailed(`${where} answered without an access_token`)
  const lifetimeMs = Number(body.expires_in) * 1000
  // No (or a nonsensical) expires_in: kept until the upstream refuses it.
  if (!(lifetimeMs >= 0)) return { token: body.access_token, renewAt: Infinity }
  return {
    token: body.access_token,
    renewAt: startedAt + lifetimeMs - Math.min(renewBeforeMs, lifetimeMs / 2),
  }
}

async function obtainCommandToken(
  auth: Extract<TokenAuth, { type: 'command' }>,
  runCommand: RunCommand,
): Promise<CachedToken> {
  // Only the program's name: an argument may be a secret from the environment.
  const program = auth.argv[0]!
  let output: string
  try {
    output = await runCommand(auth.argv, auth.timeoutMs)
  } catch (cause) {
    throw authFailed(`the command ${program} failed: ${(cause as Error).message}`, cause)
  }
  const token = output.trim()
  if (token.length === 0 || /[\r\n\0]/.test(token))
    throw authFailed(`the command ${program} must print one token on one line`)
  return { token, renewAt: Infinity }
}

function authFailed(why: string, cause?: unknown): UpcheckError {
  return new UpcheckError('AUTH_FAILED', `Failed to get a token for upstream.auth: ${why}.`, {
    location: { path: 'upstream.auth' },
    ...(cause !== undefined && { cause }),
  })
}
