import { UpcheckError } from '../model/index.js'

/** Line and column (both 1-based) of a character offset. */
function locate(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

function failsBeforeEnd(prefix: string): boolean {
  try {
    JSON.parse(prefix)
    return false
  } catch (error) {
    return !(error instanceof SyntaxError && /end of (JSON )?input/i.test(error.message))
  }
}

/**
 * The offset of the first character JSON.parse rejects, for engines whose message gives no
 * position. Every prefix shorter than that offset is valid JSON or valid-but-unfinished JSON,
 * so the boundary can be found by bisection.
 */
function findErrorOffset(source: string): number {
  let low = 0
  let high = source.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (failsBeforeEnd(source.slice(0, mid + 1))) high = mid
    else low = mid + 1
  }
  return low
}

/**
 * Parses the text of a Pact file. A leading byte-order mark is ignored (some editors write one).
 * @throws UpcheckError `PACT_UNREADABLE` naming `file:line:column` when the text is not JSON.
 */
export function parsePactJson(text: string, file: string): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (source.trim() === '') {
    throw new UpcheckError(
      'PACT_UNREADABLE',
      `${file}: the file is empty. A Pact file is a JSON object with consumer, provider and interactions; re-record or re-export it.`,
      {
        location: { file },
      },
    )
  }
  try {
    return JSON.parse(source)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const lineColumn = /line (\d+) column (\d+)/.exec(reason)
    const position = /position (\d+)/.exec(reason)
    const where = lineColumn
      ? { line: Number(lineColumn[1]), column: Number(lineColumn[2]) }
      : locate(source, position ? Number(position[1]) : findErrorOffset(source))
    // V8's wording ("Unexpected token } in JSON at position 12") repeats what the location says.
    const what = reason
      .replace(/,? ?(in JSON )?at position \d+.*$/, '')
      .replace(/ in JSON$/, '')
      .replace(/, ("|\.\.\.).* is not valid JSON$/, '')
    throw new UpcheckError(
      'PACT_UNREADABLE',
      `${file}:${where.line}:${where.column}: the file is not valid JSON (${what}). Fix the JSON at that place, or re-export the Pact file.`,
      { cause: error, location: { file, line: where.line, column: where.column } },
    )
  }
}
