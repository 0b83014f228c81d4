import { formatPath } from './format-path.js'

/**
 * Signs of a number written with a point or an exponent that may hold a whole value (`10.0`,
 * `1e2`) right before the end of a JSON value. Text in strings rarely looks like that, so the
 * full scan below seldom runs for nothing; these two scan a megabyte in about a millisecond.
 */
const POINT_ZEROS = /\.0+\s*(?:[,}\]]|$)/
const EXPONENT = /\d[eE][-+]?\d+\s*(?:[,}\]]|$)/

/**
 * JSON.parse turns `10.0` into `10`, but Pact's integer and decimal matchers judge how a number
 * was written. This finds the paths (as {@link formatPath} writes them) of the numbers in a JSON
 * text that were written as floats but hold whole values; only those are ambiguous after parsing.
 * Most bodies have none, which one regex scan settles.
 */
export function findWholeFloatPaths(text: string): ReadonlySet<string> {
  const found = new Set<string>()
  if (!POINT_ZEROS.test(text) && !EXPONENT.test(text)) return found
  const segments: (string | number)[] = []
  const inObject: boolean[] = []
  let expectKey = false
  const n = text.length
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === 0x22) {
      let j = i + 1
      while (j < n) {
        const d = text.charCodeAt(j)
        if (d === 0x5c) j += 2
        else if (d === 0x22) break
        else j++
      }
      if (expectKey) {
        segments[segments.length - 1] = JSON.parse(text.slice(i, j + 1)) as string
        expectKey = false
      }
      i = j + 1
    } else if (c === 0x7b || c === 0x5b) {
      const object = c === 0x7b
      inObject.push(object)
      segments.push(object ? '' : 0)
      expectKey = object
      i++
    } else if (c === 0x7d || c === 0x5d) {
      inObject.pop()
      segments.pop()
      i++
    } else if (c === 0x2c) {
      if (inObject[inObject.length - 1]) expectKey = true
      else segments[segments.length - 1] = (segments[segments.length - 1] as number) + 1
      i++
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let j = i + 1
      let float = false
      while (j < n) {
        const d = text.charCodeAt(j)
        if ((d >= 0x30 && d <= 0x39) || d === 0x2d || d === 0x2b) j++
        else if (d === 0x2e || d === 0x65 || d === 0x45) {
          float = true
          j++
        } else break
      }
      if (float && Number.isInteger(Number(text.slice(i, j)))) found.add(formatPath(segments))
      i = j
    } else i++
  }
  return found
}
