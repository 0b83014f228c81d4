import { isMap, isScalar, parseDocument } from 'yaml'

/**
 * `text` (a contract file, YAML or JSON) with a top-level `key: value` added after the
 * first of `after` the file has, or at the end. Everything else stays byte for byte:
 * comments, their alignment, blank lines, quoting and flow style — a person wrote the file.
 * @note The yaml package's Document API re-renders the whole file (comment columns, flow
 * spacing, list indentation), so it only finds the place; the line is spliced into the text.
 */
export function addTopLevelField(
  text: string,
  key: string,
  value: string,
  options: { json: boolean; after: readonly string[] },
): string {
  if (options.json) return addJsonField(text, key, value, options.after)
  const doc = parseDocument(text)
  const map = doc.contents
  if (doc.errors.length > 0 || !isMap(map) || map.flow) {
    // Not a block map (a flow map, or unparseable): re-render rather than guess at the text.
    doc.set(key, value)
    return doc.toString({ lineWidth: 0 })
  }
  const keys = map.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : ''))
  const anchor = options.after.map((name) => keys.indexOf(name)).find((index) => index >= 0)
  const next = anchor === undefined ? undefined : map.items[anchor + 1]
  // A plain file name stays plain; anything else is double-quoted, which YAML reads as JSON.
  const line = `${key}: ${/^[\w./-]+$/.test(value) ? value : JSON.stringify(value)}\n`
  if (!next || !isScalar(next.key) || !next.key.range) {
    return text.endsWith('\n') || text === '' ? `${text}${line}` : `${text}\n${line}`
  }
  // Above the next key, but below the top-level comments and blank lines that lead into it.
  let offset = text.lastIndexOf('\n', next.key.range[0] - 1) + 1
  while (offset > 0) {
    const previousStart = text.lastIndexOf('\n', offset - 2) + 1
    const previous = text.slice(previousStart, offset - 1)
    if (previous.trim() !== '' && !previous.startsWith('#')) break
    offset = previousStart
  }
  return `${text.slice(0, offset)}${line}${text.slice(offset)}`
}

function addJsonField(text: string, key: string, value: string, after: readonly string[]): string {
  const data = JSON.parse(text) as Record<string, unknown>
  const entries = Object.entries(data)
  const anchor = after.map((name) => entries.findIndex(([k]) => k === name)).find((i) => i >= 0)
  entries.splice(anchor === undefined ? entries.length : anchor + 1, 0, [key, value])
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  '
  return `${JSON.stringify(Object.fromEntries(entries), null, indent)}${text.endsWith('\n') ? '\n' : ''}`
}
