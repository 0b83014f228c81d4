/** A JSON object's text split around the array under one of its top-level keys. */
export interface TopLevelArraySplit {
  /** The object's text with that array emptied (`[]`): everything else, to parse whole. */
  head: string
  /** Each item of the array as `[start, end)` offsets into the text, in order. */
  items: [number, number][]
}

const SPACE = 0x20
const TAB = 0x09
const LF = 0x0a
const CR = 0x0d
const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d

function isSpace(c: number): boolean {
  return c === SPACE || c === LF || c === CR || c === TAB
}

/**
 * Splits the text of a JSON object around the array under `key`, so that each item can be
 * parsed, used and dropped in turn instead of holding the parse tree of the whole file.
 * Only the structure is followed (strings, brackets, separators); the parts are left for
 * `JSON.parse` to check. Returns `undefined` when the text is not simply shaped so (not an
 * object, no such key, the key twice, the value not an array, anything unexpected between
 * tokens): the caller then parses the whole text as before, which also reports any error.
 * @note Iterative, so a deeply nested item cannot overflow the stack here.
 */
export function splitTopLevelArray(text: string, key: string): TopLevelArraySplit | undefined {
  const end = text.length
  let i = 0
  const skipSpace = () => {
    while (i < end && isSpace(text.charCodeAt(i))) i++
  }
  /** From an opening quote to just after its closing quote; -1 when unterminated. */
  const skipString = (from: number): number => {
    let j = from
    for (;;) {
      // indexOf runs natively: most of a Pact file is inside strings.
      j = text.indexOf('"', j + 1)
      if (j < 0) return -1
      let backslashes = 0
      while (text.charCodeAt(j - 1 - backslashes) === BACKSLASH) backslashes++
      if (backslashes % 2 === 0) return j + 1
    }
  }
  /** From the first character of a value to just after it; -1 when it does not end. */
  const skipValue = (from: number): number => {
    const first = text.charCodeAt(from)
    if (first === QUOTE) return skipString(from)
    if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) {
      let j = from
      while (j < end) {
        const c = text.charCodeAt(j)
        if (c === COMMA || c === CLOSE_OBJECT || c === CLOSE_ARRAY || isSpace(c)) break
        j++
      }
      return j === from ? -1 : j
    }
    let depth = 0
    for (let j = from; j < end; j++) {
      const c = text.charCodeAt(j)
      if (c === QUOTE) {
        j = skipString(j) - 1
        if (j < 0) return -1
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++
      else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        depth--
        if (depth === 0) return j + 1
      }
    }
    return -1
  }

  skipSpace()
  if (text.charCodeAt(i) !== OPEN_OBJECT) return undefined
  i++
  let found: { start: number; end: number; items: [number, number][] } | undefined
  for (;;) {
    skipSpace()
    if (text.charCodeAt(i) === CLOSE_OBJECT) break
    if (text.charCodeAt(i) !== QUOTE) return undefined
    const keyEnd = skipString(i)
    if (keyEnd < 0) return undefined
    const rawKey = text.slice(i + 1, keyEnd - 1)
    let name: unknown = rawKey
    if (rawKey.includes('\\')) {
      try {
        name = JSON.parse(text.slice(i, keyEnd))
      } catch {
        return undefined
      }
    }
    i = keyEnd
    skipSpace()
    if (text.charCodeAt(i) !== COLON) return undefined
    i++
    skipSpace()
    if (name === key) {
      // JSON.parse keeps the last of two equal keys; the whole-text path handles that case.
      if (found || text.charCodeAt(i) !== OPEN_ARRAY) return undefined
      const start = i
      const items: [number, number][] = []
      i++
      skipSpace()
      if (text.charCodeAt(i) === CLOSE_ARRAY) i++
      else
        for (;;) {
          const itemEnd = skipValue(i)
          if (itemEnd < 0) return undefined
          items.push([i, itemEnd])
          i = itemEnd
          skipSpace()
          const c = text.charCodeAt(i)
          i++
          if (c === CLOSE_ARRAY) break
          if (c !== COMMA) return undefined
          skipSpace()
        }
      found = { start, end: i, items }
    } else {
      const valueEnd = skipValue(i)
      if (valueEnd < 0) return undefined
      i = valueEnd
    }
    skipSpace()
    const c = text.charCodeAt(i)
    if (c === COMMA) i++
    else if (c !== CLOSE_OBJECT) return undefined
  }
  if (!found) return undefined
  return {
    head: `${text.slice(0, found.start)}[]${text.slice(found.end)}`,
    items: found.items,
  }
}
