import { isLearnableSecret, isSecretFieldName } from './secret-names.js'

/** Shorter values of secret-named variables are left alone: `SESSION_ID=2` is not worth wrecking every "2". */
const MIN_ENV_SECRET_LENGTH = 8

/**
 * The values a recording must not contain: those the contract reads from the environment
 * (its header credentials, a key in its base URL's query), and the values of variables named
 * like credentials (`*_TOKEN`, `*_SECRET`, `*_API_KEY`, `*PASSWORD*`), which the pilot app may
 * use without the contract naming them. Values that make up the base URL's origin and path
 * are locations, not credentials, and are left out.
 */
export function collectSecretValues(
  upstream: { baseUrl: string; secrets: readonly string[] },
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const url = new URL(upstream.baseUrl)
  const location = `${url.origin}${url.pathname}`
  const out = new Set<string>()
  for (const secret of upstream.secrets) if (!location.includes(secret)) out.add(secret)
  for (const [name, value] of Object.entries(env)) {
    if (
      value !== undefined &&
      value.length >= MIN_ENV_SECRET_LENGTH &&
      isSecretFieldName(name) &&
      isLearnableSecret(name, value) &&
      !location.includes(value)
    )
      out.add(value)
  }
  return [...out].sort((a, b) => b.length - a.length)
}
