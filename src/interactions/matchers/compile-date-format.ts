import type { RuleRegex } from './compile-matcher.js'
import { compileLinearRegex } from './linear-regex.js'

/**
 * Pact's date, time and timestamp matchers take a Java pattern (DateTimeFormatter or the older
 * SimpleDateFormat, which agree on the common letters): `yyyy-MM-dd'T'HH:mm:ss.SSSX`. This turns
 * such a pattern into an anchored regex that accepts exactly the strings the pattern formats,
 * with field ranges checked (month 01–12, minute 00–59, …).
 */

/** The matchers that take a date/time format. */
export type DateTimeMatcherName = 'date' | 'time' | 'datetime' | 'timestamp'

const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December'
const MONTHS_SHORT = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec'
const DAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday'
const DAYS_SHORT = 'Mon|Tue|Wed|Thu|Fri|Sat|Sun'

/**
 * Used when a rule gives no format. These are what Pact's reference engine accepts then
 * (checked against it): ISO dates, times to the second, date-times with an offset.
 */
const DEFAULT_FORMATS: Record<DateTimeMatcherName, string> = {
  date: 'yyyy-MM-dd',
  time: 'HH:mm:ss',
  datetime: "yyyy-MM-dd'T'HH:mm:ssXXX",
  timestamp: "yyyy-MM-dd'T'HH:mm:ssXXX",
}

function twoDigits(min: number, max: number): string {
  // Enough for the ranges used below (00–59, 01–12, 01–31, 00–23, 01–24, 00–11).
  const options: string[] = []
  for (let v = min; v <= max; v++) options.push(String(v).padStart(2, '0'))
  return `(?:${options.join('|')})`
}

function oneOrTwoDigits(min: number, max: number): string {
  const options: string[] = []
  for (let v = max; v >= min; v--) {
    options.push(String(v))
    if (v < 10) options.push(`0${v}`)
  }
  return `(?:${options.join('|')})`
}

function fieldPattern(letter: string, count: number): string {
  switch (letter) {
    case 'G':
      return count === 4 ? '(?:Anno Domini|Before Christ)' : count === 5 ? '[AB]' : '(?:AD|BC)'
    case 'y':
    case 'u':
    case 'Y':
      return count === 2 ? '\\d{2}' : count === 1 ? '[+-]?\\d{1,9}' : `[+-]?\\d{${count},9}`
    case 'M':
    case 'L':
      if (count === 1) return oneOrTwoDigits(1, 12)
      if (count === 2) return twoDigits(1, 12)
      if (count === 3) return `(?:${MONTHS_SHORT})`
      if (count === 4) return `(?:${MONTHS})`
      return '[JFMASOND]'
    case 'd':
      return count === 1 ? oneOrTwoDigits(1, 31) : twoDigits(1, 31)
    case 'D':
      return `\\d{${Math.min(count, 3)},3}`
    case 'Q':
    case 'q':
      if (count <= 2) return count === 1 ? '[1-4]' : '0[1-4]'
      return count === 3 ? 'Q[1-4]' : '(?:1st|2nd|3rd|4th) quarter'
    case 'w':
      return count === 1 ? '\\d{1,2}' : '\\d{2}'
    case 'W':
    case 'F':
      return '\\d'
    case 'E':
      return count === 4 ? `(?:${DAYS})` : count === 5 ? '[MTWFS]' : `(?:${DAYS_SHORT})`
    case 'e':
    case 'c':
      return count <= 2 ? '\\d{1,2}' : count === 4 ? `(?:${DAYS})` : `(?:${DAYS_SHORT})`
    case 'a':
      return '(?:AM|PM|am|pm)'
    case 'B':
      return '[A-Za-z ]+'
    case 'H':
      return count === 1 ? oneOrTwoDigits(0, 23) : twoDigits(0, 23)
    case 'k':
      return count === 1 ? oneOrTwoDigits(1, 24) : twoDigits(1, 24)
    case 'K':
      return count === 1 ? oneOrTwoDigits(0, 11) : twoDigits(0, 11)
    case 'h':
      return count === 1 ? oneOrTwoDigits(1, 12) : twoDigits(1, 12)
    case 'm':
    case 's':
      return count === 1 ? oneOrTwoDigits(0, 59) : twoDigits(0, 59)
    case 'S':
      return `\\d{${count}}`
    case 'A':
    case 'n':
    case 'N':
      return '\\d+'
    case 'V':
      return '(?:[A-Za-z_]+(?:/[A-Za-z_+\\-0-9]+)*|Z|[+-]\\d{2}:?\\d{2})'
    case 'v':
      return '[A-Za-z ]+'
    case 'z':
      return count === 4 ? '[A-Za-z ]+' : '(?:[A-Z]{2,5}|GMT[+-]\\d{1,2}(?::?\\d{2})?)'
    case 'O':
      return count === 4 ? '(?:GMT(?:[+-]\\d{2}:\\d{2})?)' : '(?:GMT(?:[+-]\\d{1,2}(?::\\d{2})?)?)'
    case 'X':
    case 'x': {
      const offsets = [
        '[+-]\\d{2}(?:\\d{2})?',
        '[+-]\\d{4}',
        '[+-]\\d{2}:\\d{2}',
        '[+-]\\d{4}(?:\\d{2})?',
        '[+-]\\d{2}:\\d{2}(?::\\d{2})?',
      ]
      const offset = offsets[Math.min(count, 5) - 1]!
      return letter === 'X' ? `(?:Z|${offset})` : `(?:${offset})`
    }
    case 'Z':
      if (count <= 3) return '[+-]\\d{4}'
      return count === 4 ? '(?:GMT(?:[+-]\\d{2}:\\d{2})?)' : '(?:Z|[+-]\\d{2}:\\d{2})'
    default:
      throw new SyntaxError(`'${letter}' is not a date/time pattern letter`)
  }
}

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/**
 * Compiles a Java date/time pattern (or the default for `matcher` when `format` is absent or
 * empty) into an anchored regex.
 * @throws SyntaxError naming the offending part when the pattern is not valid.
 */
export function compileDateFormat(
  format: string | undefined,
  matcher: DateTimeMatcherName,
): RuleRegex {
  const pattern = format === undefined || format === '' ? DEFAULT_FORMATS[matcher] : format
  let compiled = compiledFormats.get(pattern)
  if (!compiled) {
    compiled = compileLinearRegex(translateFormat(pattern))
    if (compiledFormats.size >= 1024) compiledFormats.clear()
    compiledFormats.set(pattern, compiled)
  }
  return compiled
}

/** Recordings repeat the same few formats; the pattern is all a compiled format depends on. */
const compiledFormats = new Map<string, RuleRegex>()

/**
 * The regex (RE2 syntax, anchored by the caller) for a Java pattern. Formats come from Pact
 * files too, and letters like `n` and `A` (`\d+`) side by side would make a backtracking
 * engine slow, so the result runs on the linear-time engine like any rule regex.
 */
function translateFormat(format: string): string {
  let out = ''
  let optionalDepth = 0
  for (let i = 0; i < format.length;) {
    const ch = format[i]!
    if (ch === "'") {
      // `''` is a quote; `'…'` is literal text, in which `''` is again a quote.
      if (format[i + 1] === "'") {
        out += "'"
        i += 2
        continue
      }
      let literal = ''
      let j = i + 1
      for (;;) {
        if (j >= format.length)
          throw new SyntaxError(`the quote at position ${i + 1} is never closed`)
        if (format[j] === "'") {
          if (format[j + 1] !== "'") break
          literal += "'"
          j += 2
          continue
        }
        literal += format[j]
        j++
      }
      out += escapeLiteral(literal)
      i = j + 1
      continue
    }
    if (ch === '[') {
      optionalDepth++
      out += '(?:'
      i++
      continue
    }
    if (ch === ']') {
      if (optionalDepth === 0)
        throw new SyntaxError(`the ']' at position ${i + 1} closes no optional section`)
      optionalDepth--
      out += ')?'
      i++
      continue
    }
    if (/[A-Za-z]/.test(ch)) {
      let count = 1
      while (format[i + count] === ch) count++
      out += fieldPattern(ch, count)
      i += count
      continue
    }
    out += escapeLiteral(ch)
    i++
  }
  if (optionalDepth > 0) throw new SyntaxError(`an optional section '[' is never closed`)
  return out
}

/** The pattern a date/time matcher without a format uses. */
export function defaultDateFormat(matcher: DateTimeMatcherName): string {
  return DEFAULT_FORMATS[matcher]
}
