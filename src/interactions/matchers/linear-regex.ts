import { RE2JS, RE2JSException } from 're2js'
import type { RuleRegex } from './compile-matcher.js'

/**
 * Whole-value regex tests in time linear in the value, whatever the pattern: a Pact file comes
 * from elsewhere, and a backtracking engine takes exponential time on `(a+)+` against a long
 * run of `a`s (one such rule used to freeze `verify` and the daemon).
 *
 * RE2 (the pure-JS port `re2js`) decides what a pattern means and runs it in linear time, as
 * Pact's reference implementation (Rust's regex crate) does. It costs about a microsecond more
 * per test than V8's own engine, so a pattern whose backtracking is provably bounded also gets
 * an equivalent V8 `RegExp`, built from the same parse, used for values short enough that the
 * bound holds: at most {@link MAX_PASSES} passes over the value. Everything else goes to RE2.
 */

/** How many passes over a value V8's backtracking may make at worst before RE2 takes over. */
const MAX_PASSES = 64

export interface RegexFlags {
  caseInsensitive?: boolean
  multiline?: boolean
  dotAll?: boolean
}

/**
 * Compiles an RE2 pattern to test whole values.
 * @throws SyntaxError saying why when RE2 rejects the pattern.
 */
export function compileLinearRegex(pattern: string, flags: RegexFlags = {}): RuleRegex {
  let re2: RE2JS
  try {
    re2 = RE2JS.compile(
      pattern,
      (flags.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0) |
        (flags.multiline ? RE2JS.MULTILINE : 0) |
        (flags.dotAll ? RE2JS.DOTALL : 0),
    )
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error
    throw new SyntaxError(error.message.replace(/^error parsing regexp: /, ''), { cause: error })
  }
  // Flags change what classes and anchors mean; such patterns are rare and stay with RE2.
  const plain = !flags.caseInsensitive && !flags.multiline && !flags.dotAll
  const fast = plain ? compileBoundedV8(pattern) : undefined
  if (!fast) return { test: (text) => re2.testExact(text) }
  const { regex, maxLength } = fast
  if (maxLength === Infinity) return regex
  return { test: (text) => (text.length <= maxLength ? regex.test(text) : re2.testExact(text)) }
}

/** A V8 regex equivalent to `pattern`, and the longest value on which its backtracking is bounded. */
function compileBoundedV8(pattern: string): { regex: RegExp; maxLength: number } | undefined {
  const node = parsePattern(pattern)
  if (!node) return undefined
  const maxLength = longestBounded(node)
  if (maxLength === 0) return undefined
  try {
    return { regex: new RegExp(`^(?:${emit(node)})$`, 'u'), maxLength }
  } catch {
    return undefined
  }
}

// ---- A parse of the RE2 patterns this module can reason about --------------------------------

/** Code point ranges as flat [lo, hi, lo, hi, …] pairs, sorted and disjoint. */
type Ranges = number[]

type Node =
  | { kind: 'char'; ranges: Ranges }
  /** Zero-width: `^`, `$`, `\b`, `\B`, or nothing. */
  | { kind: 'empty'; source: string }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; branches: Node[] }
  | { kind: 'repeat'; node: Node; min: number; max: number }

const MAX_CODE_POINT = 0x10ffff
const DIGIT: Ranges = [0x30, 0x39]
const WORD: Ranges = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a]
/** RE2's `\s`: `[\t\n\f\r ]` (no vertical tab, no Unicode spaces, unlike JavaScript's). */
const SPACE: Ranges = [0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x20]

function normalise(ranges: Ranges): Ranges {
  const pairs: [number, number][] = []
  for (let i = 0; i < ranges.length; i += 2) pairs.push([ranges[i]!, ranges[i + 1]!])
  pairs.sort((a, b) => a[0] - b[0])
  const out: Ranges = []
  for (const [lo, hi] of pairs) {
    const last = out.length - 1
    if (last > 0 && lo <= out[last]! + 1) out[last] = Math.max(out[last]!, hi)
    else out.push(lo, hi)
  }
  return out
}

function complement(ranges: Ranges): Ranges {
  const sorted = normalise(ranges)
  const out: Ranges = []
  let next = 0
  for (let i = 0; i < sorted.length; i += 2) {
    if (sorted[i]! > next) out.push(next, sorted[i]! - 1)
    next = sorted[i + 1]! + 1
  }
  if (next <= MAX_CODE_POINT) out.push(next, MAX_CODE_POINT)
  return out
}

function intersects(a: Ranges, b: Ranges): boolean {
  for (let i = 0; i < a.length; i += 2)
    for (let j = 0; j < b.length; j += 2) if (a[i]! <= b[j + 1]! && b[j]! <= a[i + 1]!) return true
  return false
}

/** Thrown inside the parser for anything it does not model; the pattern then stays with RE2. */
class Unmodelled extends Error {}

const SIMPLE_ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11, a: 7 }
const CLASS_ESCAPES: Record<string, Ranges> = {
  d: DIGIT,
  D: complement(DIGIT),
  w: WORD,
  W: complement(WORD),
  s: SPACE,
  S: complement(SPACE),
}

/** Parses `pattern`, or returns undefined for constructs it does not model. */
function parsePattern(pattern: string): Node | undefined {
  let i = 0
  const peek = () => pattern[i]
  const codePointAt = () => {
    const cp = pattern.codePointAt(i)!
    i += cp > 0xffff ? 2 : 1
    return cp
  }

  /** One escape after `\`, as a code point or a class; `undefined` for a zero-width one. */
  function escape(inClass: boolean): Ranges | { zeroWidth: string } {
    const ch = pattern[i]
    if (ch === undefined) throw new Unmodelled()
    i++
    if (CLASS_ESCAPES[ch]) return CLASS_ESCAPES[ch]
    if (SIMPLE_ESCAPES[ch] !== undefined) return [SIMPLE_ESCAPES[ch], SIMPLE_ESCAPES[ch]]
    if (!inClass && (ch === 'b' || ch === 'B')) return { zeroWidth: `\\${ch}` }
    if (!inClass && ch === 'A') return { zeroWidth: '^' }
    if (!inClass && ch === 'z') return { zeroWidth: '$' }
    if (ch === 'x') {
      const hex = /^\{([0-9A-Fa-f]{1,6})\}|^([0-9A-Fa-f]{2})/.exec(pattern.slice(i))
      if (!hex) throw new Unmodelled()
      i += hex[0].length
      const cp = parseInt(hex[1] ?? hex[2]!, 16)
      return [cp, cp]
    }
    // Escaped punctuation is itself; letters and digits mean other things (\p, \1, \Q…).
    if (/[A-Za-z0-9]/.test(ch) || ch.charCodeAt(0) > 0x7e) throw new Unmodelled()
    return [ch.charCodeAt(0), ch.charCodeAt(0)]
  }

  function charClass(): Node {
    let negated = false
    if (peek() === '^') {
      negated = true
      i++
    }
    const ranges: Ranges = []
    let first = true
    for (;;) {
      const ch = peek()
      if (ch === undefined) throw new Unmodelled()
      if (ch === ']' && !first) {
        i++
        break
      }
      first = false
      if (ch === '[' && pattern[i + 1] === ':') throw new Unmodelled()
      let lo: Ranges
      if (ch === '\\') {
        i++
        const e = escape(true)
        if (!Array.isArray(e)) throw new Unmodelled()
        lo = e
      } else {
        const cp = codePointAt()
        lo = [cp, cp]
      }
      if (peek() === '-' && pattern[i + 1] !== ']' && pattern[i + 1] !== undefined) {
        if (lo.length !== 2 || lo[0] !== lo[1]) throw new Unmodelled()
        i++
        let hi: Ranges
        if (peek() === '\\') {
          i++
          const e = escape(true)
          if (!Array.isArray(e) || e.length !== 2 || e[0] !== e[1]) throw new Unmodelled()
          hi = e
        } else {
          const cp = codePointAt()
          hi = [cp, cp]
        }
        if (hi[0]! < lo[0]!) throw new Unmodelled()
        ranges.push(lo[0]!, hi[0]!)
      } else ranges.push(...lo)
    }
    const set = normalise(ranges)
    return { kind: 'char', ranges: negated ? complement(set) : set }
  }

  function atom(): Node {
    const ch = peek()!
    if (ch === '(') {
      i++
      if (peek() === '?') {
        const group = /^\?(?::|P?<[A-Za-z_][A-Za-z0-9_]*>)/.exec(pattern.slice(i))
        if (!group) throw new Unmodelled()
        i += group[0].length
      }
      const inner = alternation()
      if (peek() !== ')') throw new Unmodelled()
      i++
      // A group keeps its repetition apart from one applied to the group: `(?:a{2})?`.
      return inner.kind === 'repeat' ? { kind: 'seq', items: [inner] } : inner
    }
    if (ch === '[') {
      i++
      return charClass()
    }
    if (ch === '\\') {
      i++
      const e = escape(false)
      return Array.isArray(e) ? { kind: 'char', ranges: e } : { kind: 'empty', source: e.zeroWidth }
    }
    if (ch === '^' || ch === '$') {
      i++
      return { kind: 'empty', source: ch }
    }
    if (ch === '.') {
      i++
      return { kind: 'char', ranges: complement([10, 10]) }
    }
    if (ch === '*' || ch === '+' || ch === '?' || ch === ')') throw new Unmodelled()
    const cp = codePointAt()
    return { kind: 'char', ranges: [cp, cp] }
  }

  function quantified(): Node {
    let node = atom()
    for (;;) {
      const ch = peek()
      let min: number
      let max: number
      if (ch === '*') [min, max] = [0, Infinity]
      else if (ch === '+') [min, max] = [1, Infinity]
      else if (ch === '?') [min, max] = [0, 1]
      else if (ch === '{') {
        const counted = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i))
        if (!counted) return node
        min = Number(counted[1])
        max = counted[2] === undefined ? min : counted[3] === '' ? Infinity : Number(counted[3])
        i += counted[0].length - 1
      } else return node
      i++
      if (peek() === '?') i++ // lazy: the same work in another order
      if (node.kind === 'empty' || node.kind === 'repeat') throw new Unmodelled()
      node = { kind: 'repeat', node, min, max }
    }
  }

  function sequence(): Node {
    const items: Node[] = []
    while (i < pattern.length && peek() !== '|' && peek() !== ')') items.push(quantified())
    return items.length === 1 ? items[0]! : { kind: 'seq', items }
  }

  function alternation(): Node {
    const branches = [sequence()]
    while (peek() === '|') {
      i++
      branches.push(sequence())
    }
    return branches.length === 1 ? branches[0]! : { kind: 'alt', branches }
  }

  try {
    const node = alternation()
    return i === pattern.length ? node : undefined
  } catch (error) {
    if (error instanceof Unmodelled) return undefined
    throw error
  }
}

// ---- How much a backtracking engine may retry --------------------------------------------------

/** The characters a node can start with, and whether it can match nothing. */
function first(node: Node): { ranges: Ranges; nullable: boolean } {
  switch (node.kind) {
    case 'char':
      return { ranges: node.ranges, nullable: false }
    case 'empty':
      return { ranges: [], nullable: true }
    case 'seq': {
      const ranges: Ranges = []
      for (const item of node.items) {
        const f = first(item)
        ranges.push(...f.ranges)
        if (!f.nullable) return { ranges: normalise(ranges), nullable: false }
      }
      return { ranges: normalise(ranges), nullable: true }
    }
    case 'alt': {
      const ranges: Ranges = []
      let nullable = false
      for (const branch of node.branches) {
        const f = first(branch)
        ranges.push(...f.ranges)
        nullable ||= f.nullable
      }
      return { ranges: normalise(ranges), nullable }
    }
    case 'repeat': {
      const f = first(node.node)
      return { ranges: f.ranges, nullable: f.nullable || node.min === 0 }
    }
  }
}

/** What may come right after a node: characters, or the end of the value (`end`). */
interface Follow {
  ranges: Ranges
  end: boolean
}

function followedBy(node: Node, follow: Follow): Follow {
  const f = first(node)
  return f.nullable
    ? { ranges: normalise([...f.ranges, ...follow.ranges]), end: follow.end }
    : { ranges: f.ranges, end: false }
}

function literalText(node: Node): string | undefined {
  const items = node.kind === 'seq' ? node.items : [node]
  let text = ''
  for (const item of items) {
    if (item.kind !== 'char' || item.ranges.length !== 2 || item.ranges[0] !== item.ranges[1])
      return undefined
    text += String.fromCodePoint(item.ranges[0]!)
  }
  return text
}

/**
 * An upper bound on the ways a backtracking engine may match `node` against a value of `n`
 * characters, when `follow` may come after it: each way costs at most one pass over the value.
 * A choice the next character settles counts once (the other options fail on that character);
 * only options that can go on matching multiply.
 */
function ways(node: Node, follow: Follow, n: number): number {
  switch (node.kind) {
    case 'char':
    case 'empty':
      return 1
    case 'seq': {
      let total = 1
      let after = follow
      for (let k = node.items.length - 1; k >= 0; k--) {
        total *= ways(node.items[k]!, after, n)
        after = followedBy(node.items[k]!, after)
      }
      return total
    }
    case 'alt': {
      const counts = node.branches.map((b) => ways(b, follow, n))
      const texts = node.branches.map(literalText)
      if (texts.every((t) => t !== undefined) && new Set(texts).size === texts.length) {
        // Distinct fixed strings: at most one of each length matches here.
        return new Set(texts.map((t) => [...t!].length)).size
      }
      const firsts = node.branches.map(first)
      const disjoint =
        firsts.every((f) => !f.nullable) &&
        firsts.every((f, a) => firsts.every((g, b) => a === b || !intersects(f.ranges, g.ranges)))
      return disjoint ? Math.max(...counts) : counts.reduce((a, b) => a + b, 0)
    }
    case 'repeat': {
      const body = first(node.node)
      // After one round comes another, or what follows the repetition.
      const loopFollow = { ranges: normalise([...body.ranges, ...follow.ranges]), end: follow.end }
      // A body that may match nothing, or in several ways, makes choices on every round.
      if (body.nullable || ways(node.node, loopFollow, n) !== 1) return Infinity
      // Where to stop is settled by the next character when what follows cannot start like
      // the body; otherwise every count from min to max (or to the value's length) is a way.
      const counts = Math.min(node.max, n) - node.min + 1
      return intersects(body.ranges, follow.ranges) ? Math.max(counts, 1) : 1
    }
  }
}

/** The longest value on which matching `node` costs at most {@link MAX_PASSES} passes. */
function longestBounded(node: Node): number {
  const end: Follow = { ranges: [], end: true }
  if (ways(node, end, 1 << 30) <= MAX_PASSES) return Infinity
  let length = 0
  for (let n = 1; n <= 1 << 20 && ways(node, end, n) <= MAX_PASSES; n *= 2) length = n
  return length
}

// ---- The V8 spelling of the same parse ---------------------------------------------------------

function emitRanges(ranges: Ranges): string {
  let out = ''
  const unit = (cp: number) => `\\u{${cp.toString(16)}}`
  for (let i = 0; i < ranges.length; i += 2)
    out +=
      ranges[i] === ranges[i + 1] ? unit(ranges[i]!) : `${unit(ranges[i]!)}-${unit(ranges[i + 1]!)}`
  return `[${out}]`
}

function emit(node: Node): string {
  switch (node.kind) {
    case 'char':
      return node.ranges.length === 2 && node.ranges[0] === node.ranges[1]
        ? `\\u{${node.ranges[0]!.toString(16)}}`
        : emitRanges(node.ranges)
    case 'empty':
      return node.source
    case 'seq':
      return node.items.map(emit).join('')
    case 'alt':
      return `(?:${node.branches.map(emit).join('|')})`
    case 'repeat':
      return `(?:${emit(node.node)}){${node.min},${node.max === Infinity ? '' : node.max}}`
  }
}
