/**
 * Methods that cannot change the upstream's state (RFC 9110 §9.2.1), so a probe may always
 * replay them. Every other method, known or not, needs `allowUnsafe`: a probe against a live
 * upstream must never create, change or delete anything by surprise.
 */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE'])

/** Whether `method` (upper-case) is safe to replay without `allowUnsafe`. */
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method)
}
