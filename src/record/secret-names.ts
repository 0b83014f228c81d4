/** Request headers that always carry credentials. */
const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
])

/** A header whose name holds one of these words is taken for a credential (`x-auth`, `x-amz-security-token`). */
const SECRET_HEADER_WORDS = [
  'auth',
  'token',
  'secret',
  'key',
  'signature',
  'session',
  'password',
  'credential',
]

/**
 * Field and parameter names are compared with case and separators removed, so `apiKey`,
 * `api_key` and `API-KEY` are one name. "key" alone is too common in bodies (`"key": "PROJ-1"`)
 * to count there; the compounds that mean a credential do.
 */
const SECRET_FIELD_WORDS = [
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'accesskey',
  'privatekey',
  'signingkey',
  'signature',
  'session',
  'credential',
  'authorization',
  'cookie',
]

/** Query parameters that carry credentials by convention: Google's `key`, SAS `sig`, Firebase's `auth`. */
const SECRET_QUERY_NAMES: ReadonlySet<string> = new Set(['key', 'sig', 'auth'])

function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '')
}

/**
 * Whether a header of this name is redacted wherever it appears. CORS headers
 * (`Access-Control-Allow-Credentials`, `Access-Control-Expose-Headers: X-Api-Key`) name
 * credentials and headers but never carry one.
 */
export function isSecretHeaderName(name: string): boolean {
  const lower = name.toLowerCase()
  // A challenge (`WWW-Authenticate: Bearer realm=…`) says which credentials to send, not one.
  if (lower.startsWith('access-control-') || lower.endsWith('authenticate')) return false
  return SECRET_HEADERS.has(lower) || SECRET_HEADER_WORDS.some((word) => lower.includes(word))
}

/** Whether a JSON body field (request or response) or a form field of this name is redacted. */
export function isSecretFieldName(name: string): boolean {
  const squashed = squash(name)
  return SECRET_FIELD_WORDS.some((word) => squashed.includes(word))
}

/** Whether a query parameter of this name is redacted. */
export function isSecretQueryName(name: string): boolean {
  return isSecretFieldName(name) || SECRET_QUERY_NAMES.has(squash(name))
}

/** Letters only, in words joined by a space, `_`, `-` or `.`: `bearer`, `auth_token`, `YOUR_API_KEY`. */
const WORDS = /^[A-Za-z]+(?:[ _.-][A-Za-z]+)*$/
/** A word as people write one: `bearer`, `Bearer`, `BEARER`; not `aXbYcZ`. */
const WORD = /^(?:[A-Z]?[a-z]+|[A-Z]+)$/

/**
 * Whether a value found in a secret-named place may be learned as a secret, to be cut out
 * wherever else it appears. A value that repeats its own field's name (`"auth_token":
 * "auth_token"`, a documentation example) or is made of ordinary words (`"token_type":
 * "bearer"`, `"api_key": "YOUR_API_KEY"`) is not one, nor is a short number (`"session_ttl":
 * "3600"`): learning it would redact every occurrence of that word or number, object keys and
 * prose included. The place itself is still redacted.
 */
export function isLearnableSecret(name: string, value: string): boolean {
  if (squash(value) === squash(name) || /^\d{1,7}$/.test(value)) return false
  const words = WORDS.test(value) && value.split(/[ _.-]/).every((word) => WORD.test(word))
  return !words
}
