import {
  CST,
  LineCounter,
  Parser,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node,
  type Pair,
} from 'yaml'
import { UpcheckError, formatLocation, type UpcheckErrorCode } from '../model/index.js'
import { MAX_NESTING_DEPTH, isTooDeepGraph, locateOffset } from '../text/index.js'
import type { FieldPath } from './problem.js'

/** A parsed YAML or JSON file, kept so any field path can be placed at its line and column. */
export interface SourceDocument {
  /** The file as named in messages (relative to the working directory when inside it). */
  displayFile: string
  text: string
  doc: Document.Parsed
  lineCounter: LineCounter
  /** The plain data, as `JSON.parse` would give it. */
  data: unknown
}

export interface Position {
  line: number
  column: number
}

/**
 * Parses YAML, or JSON (which YAML reads, keeping positions). A syntax error, or a
 * JSON file that YAML accepts but JSON does not (a trailing comma), throws `code` with the
 * place of the first error: later errors are usually echoes of it.
 */
export function parseSource(
  text: string,
  displayFile: string,
  code: UpcheckErrorCode,
): SourceDocument {
  const format = /\.json$/i.test(displayFile) ? 'JSON' : 'YAML'
  const lineCounter = new LineCounter()
  const tooDeep = findTooDeepYaml(text)
  if (tooDeep !== -1) throw tooDeepError(code, displayFile, locateOffset(text, tooDeep))
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false })
  const first = doc.errors[0]
  if (first) {
    const position = lineCounter.linePos(first.pos[0])
    throw syntaxError(
      code,
      displayFile,
      { line: position.line, column: position.col },
      describeYamlError(first.code, first.message, text, first.pos[0]),
      format,
    )
  }
  if (format === 'JSON') {
    try {
      JSON.parse(text)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0)
      const position = lineCounter.linePos(offset)
      const reason = message
        .replace(/ in JSON at position \d+.*$/s, '')
        .replace(/\s*\(line \d+ column \d+\)$/, '')
      throw syntaxError(
        code,
        displayFile,
        { line: position.line, column: position.col },
        lowerFirst(reason),
        format,
        error,
      )
    }
  }
  // Aliases can nest an anchored collection again inside itself, deeper each time.
  if (doc.contents && isTooDeepGraph(doc.contents as Node, (node) => childNodes(doc, node)))
    throw tooDeepError(code, displayFile, { line: 1, column: 1 }, 'once its aliases are expanded')
  let data: unknown
  try {
    // maxAliasCount stops a "billion laughs" document from expanding without bound.
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (error) {
    // yaml's only failure here: "Excessive alias count indicates a resource exhaustion attack".
    if (!(error instanceof ReferenceError)) throw error
    throw new UpcheckError(
      code,
      `${formatLocation({ file: displayFile, line: 1, column: 1 })}: the ${format} expands its aliases (*name) more than ${MAX_ALIAS_COUNT} times, as a "billion laughs" attack does. Write the values out, or use fewer aliases.`,
      { cause: error, location: { file: displayFile, line: 1, column: 1 } },
    )
  }
  return { displayFile, text, doc, lineCounter, data }
}

const MAX_ALIAS_COUNT = 100

/**
 * The offset of the first collection nested deeper than {@link MAX_NESTING_DEPTH}, or -1.
 * Walks the parser's syntax tree without recursion: yaml's composer recurses once per level,
 * and a few thousand levels (6 KB of `- - - …`) crash the process outright, beyond any catch.
 */
function findTooDeepYaml(text: string): number {
  const stack: { token: CST.Token; depth: number }[] = []
  for (const token of new Parser().parse(text)) stack.push({ token, depth: 0 })
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!
    if (token.type === 'document') {
      if (token.value) stack.push({ token: token.value, depth })
    } else if (CST.isCollection(token)) {
      if (depth >= MAX_NESTING_DEPTH) return token.offset
      for (const item of token.items) {
        if (item.key) stack.push({ token: item.key, depth: depth + 1 })
        if (item.value) stack.push({ token: item.value, depth: depth + 1 })
      }
    }
  }
  return -1
}

/** The collections one level below a node, aliases replaced by what they name. */
function childNodes(doc: Document.Parsed, node: Node): Node[] {
  const items: unknown[] = isMap(node)
    ? node.items.flatMap((pair) => [pair.key, pair.value])
    : isSeq(node)
      ? node.items
      : []
  return items.flatMap((item) => {
    const target = isAlias(item) ? item.resolve(doc) : item
    return isMap(target) || isSeq(target) ? [target as Node] : []
  })
}

function tooDeepError(
  code: UpcheckErrorCode,
  displayFile: string,
  position: Position,
  how = 'here',
): UpcheckError {
  return new UpcheckError(
    code,
    `${formatLocation({ file: displayFile, ...position })}: the file nests lists and maps deeper than ${MAX_NESTING_DEPTH} levels ${how}, more than upcheck reads. Remove the excess nesting.`,
    { location: { file: displayFile, ...position } },
  )
}

function syntaxError(
  code: UpcheckErrorCode,
  displayFile: string,
  position: Position,
  reason: string,
  format: 'YAML' | 'JSON',
  cause?: unknown,
): UpcheckError {
  const where = formatLocation({ file: displayFile, ...position })
  return new UpcheckError(
    code,
    `${where}: the file is not valid ${format}: ${reason}. Fix the syntax there.`,
    {
      cause,
      location: { file: displayFile, ...position },
    },
  )
}

function describeYamlError(code: string, message: string, text: string, offset: number): string {
  const reason = lowerFirst(message.replace(/ at line \d+, column \d+[\s\S]*$/, ''))
  if (code === 'DUPLICATE_KEY') return 'a key appears twice in the same map; keep one of them'
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  const lineText = text.slice(
    lineStart,
    text.indexOf('\n', offset) === -1 ? undefined : text.indexOf('\n', offset),
  )
  // An unquoted cron expression is the commonest way to meet YAML aliases by accident.
  if (/alias/i.test(reason) && lineText.includes('*')) {
    return `${reason}; a value starting with "*" must be quoted, like schedule: "*/15 * * * *"`
  }
  return reason
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}

/**
 * The line and column of a field. Walks the document as far as the path exists: for a
 * missing field that is the map lacking it. `at: 'key'` places an existing field at its
 * key rather than its value; an empty value is placed at its key too.
 */
export function locatePath(source: SourceDocument, path: FieldPath, at: 'key' | 'value'): Position {
  let node: Node | null | undefined = source.doc.contents
  let keyNode: Node | undefined
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair: Pair<unknown, unknown> | undefined = node.items.find(
        (item: Pair<unknown, unknown>) =>
          isScalar(item.key) && String(item.key.value) === String(segment),
      )
      if (!pair) break
      keyNode = isScalar(pair.key) ? pair.key : undefined
      node = pair.value as Node | null
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      keyNode = undefined
      node = node.items[segment] as Node | null
    } else {
      break
    }
    if (at === 'key' && index === path.length - 1 && keyNode) return positionOf(source, keyNode)
  }
  const valueEmpty = !node?.range || node.range[0] === node.range[1]
  if (valueEmpty && keyNode) return positionOf(source, keyNode)
  if (!node?.range) return { line: 1, column: 1 }
  return positionOf(source, node)
}

function positionOf(source: SourceDocument, node: Node): Position {
  return positionAt(source, node.range?.[0] ?? 0)
}

/** The source text of a scalar field's value and its offset, for placing a `${VAR}` inside it. */
export function sliceValueSource(
  source: SourceDocument,
  path: FieldPath,
): { text: string; offset: number } | undefined {
  const node = source.doc.getIn(path, true) as Node | undefined
  if (!isScalar(node) || !node.range) return undefined
  const [start, end] = node.range
  return { text: source.text.slice(start, end), offset: start }
}

/** The line and column of an offset into the source text. */
export function positionAt(source: SourceDocument, offset: number): Position {
  const { line, col } = source.lineCounter.linePos(offset)
  return { line, column: col }
}
