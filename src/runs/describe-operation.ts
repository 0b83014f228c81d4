/**
 * Names the operation a recorded path belongs to, like `GET /posts/{id}`, by turning
 * segments that look like identifiers into `{id}`.
 * @note A recording holds concrete paths only; the spec check maps them to the upstream's
 * real templates when a baseline exists. This is the fallback, good enough to group.
 */
export function describeOperation(method: string, path: string): string {
  const segments = path
    .split('?', 1)[0]!
    .split('/')
    .map((segment) => (looksLikeId(decodeSegment(segment)) ? '{id}' : segment))
  return `${method.toUpperCase()} ${segments.join('/') || '/'}`
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function looksLikeId(segment: string): boolean {
  // Fast path: a segment without a digit is a word (`posts`, `latest`), never an id.
  if (segment === '' || !/\d/.test(segment)) return false
  if (/^\d+$/.test(segment) || uuid.test(segment)) return true
  if (/^[0-9a-f]{16,}$/i.test(segment)) return true
  // Prefixed ids such as Stripe's `cus_9s6XKzkNRiz8i3` or `usr-42`: a word, a separator, digits inside.
  return /^[a-z]{1,8}[_-][A-Za-z0-9]{6,}$/.test(segment) && /\d/.test(segment)
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
