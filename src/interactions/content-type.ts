/** A media type split into its base (`application/json`, lower case) and parameters. */
export interface MediaType {
  base: string
  parameters: Map<string, string>
}

/** `lowerCase`: media types are case-insensitive, but Pact compares header values as written. */
export function parseMediaType(value: string, lowerCase = true): MediaType {
  const [base = '', ...rest] = value.split(';')
  const parameters = new Map<string, string>()
  for (const part of rest) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    parameters.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim())
  }
  return { base: lowerCase ? base.trim().toLowerCase() : base.trim(), parameters }
}

export function isJsonType(base: string): boolean {
  return base === 'application/json' || base === 'text/json' || base.endsWith('+json')
}

export function isXmlType(base: string): boolean {
  return base === 'application/xml' || base === 'text/xml' || base.endsWith('+xml')
}

/** Two media types name the same kind of body: same base type, or both JSON, or both XML. */
export function sameBodyKind(a: string, b: string): boolean {
  const x = parseMediaType(a).base
  const y = parseMediaType(b).base
  return x === y || (isJsonType(x) && isJsonType(y)) || (isXmlType(x) && isXmlType(y))
}

const MAGIC: [string, number[]][] = [
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38]],
  ['application/pdf', [0x25, 0x50, 0x44, 0x46]],
  ['application/zip', [0x50, 0x4b, 0x03, 0x04]],
  ['application/gzip', [0x1f, 0x8b]],
  ['image/webp', [0x52, 0x49, 0x46, 0x46]],
]

/**
 * The media type of body bytes judged by their content, as Pact's contentType matcher does:
 * magic numbers for common binary formats, then JSON, XML, and text.
 */
export function detectContentType(bytes: Uint8Array): string {
  for (const [type, magic] of MAGIC) if (magic.every((b, i) => bytes[i] === b)) return type
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 4096))
    .trimStart()
  const lower = text.slice(0, 15).toLowerCase()
  if (lower.startsWith('<!doctype html') || lower.startsWith('<html')) return 'text/html'
  if (lower.startsWith('<?xml') || /^<[a-z]/.test(lower)) return 'application/xml'
  if (text.startsWith('{') || text.startsWith('[')) return 'application/json'
  // Control characters other than whitespace mean binary.
  for (let i = 0; i < Math.min(bytes.length, 4096); i++) {
    const b = bytes[i]!
    if (b < 9 || (b > 13 && b < 32)) return 'application/octet-stream'
  }
  return 'text/plain'
}
