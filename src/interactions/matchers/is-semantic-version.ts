const DOT = 0x2e
const DASH = 0x2d
const PLUS = 0x2b
const ZERO = 0x30

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39
}

function isIdentifierChar(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === DASH
}

/**
 * Reads dot-separated identifiers of `[0-9A-Za-z-]` from `i`; in a pre-release an all-digit one
 * has no leading zero. Returns where they end, or -1 when one is empty or malformed.
 */
function readIdentifiers(text: string, i: number, preRelease: boolean): number {
  for (;;) {
    const start = i
    let digitsOnly = true
    while (i < text.length && isIdentifierChar(text.charCodeAt(i))) {
      if (!isDigit(text.charCodeAt(i))) digitsOnly = false
      i++
    }
    if (i === start) return -1
    if (preRelease && digitsOnly && i - start > 1 && text.charCodeAt(start) === ZERO) return -1
    if (text.charCodeAt(i) !== DOT) return i
    i++
  }
}

/**
 * Whether `text` is a semantic version as semver.org defines it (`1.0.0`, `2.1.3-beta.1+build.5`):
 * the strings semver.org's own regex accepts, read in one pass (that regex nests quantifiers,
 * which a backtracking engine may take long over).
 */
export function isSemanticVersion(text: string): boolean {
  let i = 0
  for (let part = 0; part < 3; part++) {
    if (part > 0) {
      if (text.charCodeAt(i) !== DOT) return false
      i++
    }
    const start = i
    while (i < text.length && isDigit(text.charCodeAt(i))) i++
    if (i === start || (i - start > 1 && text.charCodeAt(start) === ZERO)) return false
  }
  if (text.charCodeAt(i) === DASH) i = readIdentifiers(text, i + 1, true)
  if (i >= 0 && text.charCodeAt(i) === PLUS) i = readIdentifiers(text, i + 1, false)
  return i === text.length
}
