/**
 * The deepest nesting upcheck reads from a file or a body: 128 levels of arrays and objects,
 * the limit of Pact's reference implementation (serde_json), so a Pact file it can read is one
 * upcheck can read. Every walk over recorded or live data (reader, matcher, generaliser,
 * scrubber, diff) recurses once per level; bounding the depth where text is parsed keeps all
 * of them far from the stack's end, where a deeper document would crash the process.
 */
export const MAX_NESTING_DEPTH = 128

const OPEN_ARRAY = 0x5b
const OPEN_OBJECT = 0x7b
const CLOSE_ARRAY = 0x5d
const CLOSE_OBJECT = 0x7d
const QUOTE = 0x22
const BACKSLASH = 0x5c

/**
 * The offset of the bracket that opens level `maxDepth + 1` of JSON text, or -1 when the text
 * nests no deeper than `maxDepth`. One pass, no recursion, no parse: brackets inside strings
 * are skipped; malformed text is left for the parser to report.
 */
export function findTooDeepJson(text: string, maxDepth = MAX_NESTING_DEPTH): number {
  let depth = 0
  const length = text.length
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      // Jump to the closing quote: most of a body's length is inside strings.
      for (;;) {
        const next = text.indexOf('"', i + 1)
        if (next === -1) return -1
        i = next
        let backslashes = 0
        while (text.charCodeAt(i - 1 - backslashes) === BACKSLASH) backslashes++
        if (backslashes % 2 === 0) break
      }
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > maxDepth) return i
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--
    }
  }
  return -1
}

/**
 * `JSON.parse`, refusing text nested deeper than {@link MAX_NESTING_DEPTH} with a
 * `SyntaxError`, as for malformed JSON: every caller that handles text which is not JSON
 * handles this the same way, and no walk of the result can overflow the stack.
 */
export function parseJson(text: string): unknown {
  const offset = findTooDeepJson(text)
  if (offset !== -1) throw new SyntaxError(describeTooDeep(offset))
  return JSON.parse(text)
}

/** The reason given for text nested too deeply: what the limit is and where it was passed. */
export function describeTooDeep(offset?: number): string {
  return `it nests arrays and objects deeper than ${MAX_NESTING_DEPTH} levels${offset === undefined ? '' : ` (at position ${offset})`}, more than upcheck or Pact reads`
}

/**
 * True when already parsed data nests arrays and objects deeper than `maxDepth` levels, or
 * refers to itself (a YAML alias inside its own anchor). Iterative, and each shared value (an
 * alias) is measured once, so it is safe and linear on any input.
 */
export function isTooDeepValue(value: unknown, maxDepth = MAX_NESTING_DEPTH): boolean {
  if (!isContainer(value)) return false
  return isTooDeepGraph(
    value,
    (item) => (Array.isArray(item) ? item : Object.values(item)).filter(isContainer),
    maxDepth,
  )
}

/**
 * True when a graph of nested nodes is more than `maxDepth` levels high from `root`, or has a
 * cycle. `childrenOf` gives a node's child nodes (each one level down). Iterative; a node
 * reached twice (shared) is measured once.
 */
export function isTooDeepGraph<T extends object>(
  root: T,
  childrenOf: (node: T) => T[],
  maxDepth = MAX_NESTING_DEPTH,
): boolean {
  // The levels at and below each finished node; `onPath` holds the nodes being walked.
  const heights = new Map<T, number>()
  const onPath = new Set<T>()
  const stack: { node: T; children: T[]; next: number; below: number }[] = []
  const enter = (node: T) => {
    onPath.add(node)
    stack.push({ node, children: childrenOf(node), next: 0, below: 0 })
  }
  enter(root)
  while (stack.length > 0) {
    if (stack.length > maxDepth) return true
    const frame = stack[stack.length - 1]!
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++]!
      const known = heights.get(child)
      if (known !== undefined) frame.below = Math.max(frame.below, known)
      else if (onPath.has(child)) return true
      else enter(child)
      continue
    }
    stack.pop()
    onPath.delete(frame.node)
    const height = frame.below + 1
    if (stack.length + height > maxDepth) return true
    heights.set(frame.node, height)
    const parent = stack[stack.length - 1]
    if (parent) parent.below = Math.max(parent.below, height)
  }
  return false
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}
