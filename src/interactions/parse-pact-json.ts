import { createRequire } from 'node:module'
import { UpcheckError, type UpcheckErrorCode } from '../model/index.js'
import {
  findTooDeepJson,
  locateOffset,
  MAX_NESTING_DEPTH,
  type TextPosition,
} from '../text/index.js'

/**
 * The offset of the first character that is not JSON, found by a parser that reports offsets
 * itself: V8's messages differ between versions and often give no position at all.
 * @note Loaded on this failure path only; a good file never pays for it.
 */
export function locateJsonSyntaxError(source: string): TextPosition {
  const { parse } = createRequire(import.meta.url)('jsonc-parser') as typeof import('jsonc-parser')
  const errors: import('jsonc-parser').ParseError[] = []
  parse(source, errors, { disallowComments: true, allowTrailingComma: false })
  return locateOffset(source, errors[0]?.offset ?? source.length)
}

/**
 * Throws `code` naming `file:line:column` when JSON text nests deeper than
 * {@link MAX_NESTING_DEPTH}: checked before parsing, so no walk of the data (and no locator of
 * a syntax error) ever meets such a depth.
 */
export function refuseTooDeepJson(
  source: string,
  file: string,
  code: UpcheckErrorCode,
  advice: string,
): void {
  const offset = findTooDeepJson(source)
  if (offset === -1) return
  const { line, column } = locateOffset(source, offset)
  throw new UpcheckError(
    code,
    `${file}:${line}:${column}: the JSON nests arrays and objects deeper than ${MAX_NESTING_DEPTH} levels here, more than upcheck (or Pact) reads. ${advice}`,
    { location: { file, line, column } },
  )
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
  refuseTooDeepJson(
    source,
    file,
    'PACT_UNREADABLE',
    'Remove the interaction whose body nests this deep, or re-record it.',
  )
  try {
    return JSON.parse(source)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const where = locateJsonSyntaxError(source)
    // V8's wording ("Unexpected token } in JSON at position 12") repeats what the location says.
    const what = reason
      .replace(/,? ?(in JSON )?at position \d+.*$/, '')
      .replace(/ in JSON$/, '')
      .replace(/, ("|\.\.\.).* is not valid JSON$/s, '')
    throw new UpcheckError(
      'PACT_UNREADABLE',
      `${file}:${where.line}:${where.column}: the file is not valid JSON (${what}). Fix the JSON at that place, or re-export the Pact file.`,
      { cause: error, location: { file, line: where.line, column: where.column } },
    )
  }
}
