/**
 * Methods that cannot change the upstream's state (RFC 9110 §9.2.1), so a probe may always
 * replay them. Every other method, known or not, needs `allowUnsafe`: a probe against a live
 * upstream must never create, change or delete anything by surprise.
 */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE'])
/** RFC 9110's methods that change state; any other unsafe one is simply not known to be safe. */
const KNOWN_UNSAFE: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT'])

/** Whether `method` (upper-case) is safe to replay without `allowUnsafe`. */
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method)
}

/**
 * Why an interaction with this method (upper-case, not safe) is not replayed, and how to
 * have it replayed: the one wording shared by verify's skip reason and record/import's warning.
 * @example
 * describeUnsafeSkip('POST')
 * // 'POST is not replayed, since it could change the live upstream: set probe.allowUnsafe: true in the contract to replay it'
 */
export function describeUnsafeSkip(method: string): string {
  const why = KNOWN_UNSAFE.has(method)
    ? 'since it could change the live upstream'
    : 'since it is not a method known to be safe'
  return `${method} is not replayed, ${why}: set probe.allowUnsafe: true in the contract to replay it`
}
