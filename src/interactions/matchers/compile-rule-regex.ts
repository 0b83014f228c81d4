import type { RuleRegex } from './compile-matcher.js'
import { compileLinearRegex, type RegexFlags } from './linear-regex.js'

/**
 * Pact files carry regexes written for the JVM (java.util.regex) or Rust (regex crate). This
 * translates the constructs those engines share but JavaScript spells differently, and anchors
 * the result: Pact's regex matcher requires the whole value to match, not a substring.
 */

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\r\\n\\v\\f',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: 'A-Za-z0-9_',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
}

/** Java's `\p{Alpha}`-style names for the same POSIX classes. */
const JAVA_POSIX: Record<string, string> = {
  Alpha: 'alpha',
  Digit: 'digit',
  Alnum: 'alnum',
  Upper: 'upper',
  Lower: 'lower',
  Space: 'space',
  Punct: 'punct',
  XDigit: 'xdigit',
  Blank: 'blank',
  Cntrl: 'cntrl',
  Print: 'print',
  Graph: 'graph',
}

/**
 * Compiles a Pact rule's regex into an anchored whole-value test that runs in linear time (see
 * {@link compileLinearRegex}).
 * @throws SyntaxError when the pattern is not valid, or uses what no linear-time engine can run
 *   (lookaround, backreferences, atomic groups), saying which.
 */
export function compileRuleRegex(source: string): RuleRegex {
  // @note Recordings repeat the same few patterns across thousands of interactions, and a
  // compiled pattern keeps no state between tests, so one compiled object serves them all.
  let compiled = compiledRegexes.get(source)
  if (!compiled) {
    compiled = compileUncached(source)
    if (compiledRegexes.size >= 4096) compiledRegexes.clear()
    compiledRegexes.set(source, compiled)
  }
  return compiled
}

const compiledRegexes = new Map<string, RuleRegex>()

/** What RE2 cannot run in linear time, and how Java spells it. */
const NON_REGULAR: [RegExp, string][] = [
  [/^\(\?<?[=!]/, 'lookaround'],
  [/^\(\?>/, 'an atomic group'],
  [/^\\[1-9]|^\\k</, 'a backreference'],
]

function compileUncached(source: string): RuleRegex {
  const flags: RegexFlags = {}
  let body = source
  const inline = /^\(\?([imsx]+)\)/.exec(body)
  if (inline) {
    // `x` (comments) has no RE2 spelling; the pattern is read as written, as before.
    flags.caseInsensitive = inline[1]!.includes('i')
    flags.multiline = inline[1]!.includes('m')
    flags.dotAll = inline[1]!.includes('s')
    body = body.slice(inline[0].length)
  }
  return compileLinearRegex(translate(body), flags)
}

function refuseNonRegular(start: string): void {
  for (const [pattern, what] of NON_REGULAR) {
    const found = pattern.exec(start)
    if (found)
      throw new SyntaxError(
        `it uses ${what} (${found[0]}…), which upcheck does not run: regexes run on a linear-time engine (RE2), as in Pact's reference implementation, so that no value can make matching hang; rewrite it without ${what}`,
      )
  }
}

function translate(source: string): string {
  let out = ''
  let inClass = false
  // Whether the last thing written was a quantifier: a `+` right after one makes it possessive.
  let afterQuantifier = false
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!
    const wasQuantifier: boolean = afterQuantifier
    afterQuantifier = false
    if (!inClass) refuseNonRegular(source.slice(i, i + 3))
    if (ch === '\\') {
      const next = source[i + 1]
      if (next === undefined) throw new SyntaxError('the pattern ends with a lone backslash')
      if (!inClass && next === 'A') out += '^'
      else if (!inClass && (next === 'z' || next === 'Z')) out += '$'
      else if ((next === 'p' || next === 'P') && source[i + 2] === '{') {
        const close = source.indexOf('}', i + 3)
        const name = close < 0 ? '' : source.slice(i + 3, close)
        const posix = JAVA_POSIX[name]
        if (posix) {
          const range = POSIX_CLASSES[posix]!
          out += inClass ? range : next === 'p' ? `[${range}]` : `[^${range}]`
          i = close
          continue
        }
        out += source.slice(i, close < 0 ? source.length : close + 1)
        i = close < 0 ? source.length : close
        continue
      } else out += ch + next
      i++
      continue
    }
    if (inClass) {
      if (ch === '[' && source[i + 1] === ':') {
        const close = source.indexOf(':]', i + 2)
        const range = close < 0 ? undefined : POSIX_CLASSES[source.slice(i + 2, close)]
        if (range !== undefined) {
          out += range
          i = close + 1
          continue
        }
        out += '\\['
        continue
      }
      if (ch === ']') inClass = false
      out += ch
      continue
    }
    if (ch === '[') {
      inClass = true
      out += ch
      // A leading `]` (or `^]`) is a literal in Java and Rust, but closes the class in JavaScript.
      if (source[i + 1] === '^') {
        out += '^'
        i++
      }
      if (source[i + 1] === ']') {
        out += '\\]'
        i++
      }
      continue
    }
    if (ch === '*' || ch === '+' || ch === '?') {
      // Possessive quantifiers (`a++`, `a*+`) have no JavaScript spelling; greedy is the closest.
      if (wasQuantifier && ch === '+') continue
      out += ch
      afterQuantifier = !wasQuantifier
      continue
    }
    const counted = ch === '{' ? /^\{\d+(?:,\d*)?\}/.exec(source.slice(i)) : null
    if (counted) {
      out += counted[0]
      i += counted[0].length - 1
      afterQuantifier = true
      continue
    }
    out += ch
  }
  return out
}
