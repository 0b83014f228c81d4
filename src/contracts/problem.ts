import { UpcheckError, formatLocation, type UpcheckErrorCode } from '../model/index.js'
import { locatePath, type SourceDocument } from './source-document.js'

/** A path into a contract or config document: map keys and list indexes. */
export type FieldPath = readonly (string | number)[]

/**
 * One thing wrong with a document, before it is placed in the file. `at` says whether the
 * place is the field's key (an unknown field) or its value (everything else); a missing
 * field is placed at the map that lacks it.
 */
export interface Problem {
  path: FieldPath
  at: 'key' | 'value'
  /** What is wrong and what to do, without the location. */
  message: string
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/
const MAX_LINES = 20

/** Formats a field path the way users write it: `upstream.baseUrl`, `alerts.email[0]`. */
export function formatFieldPath(path: FieldPath): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (PLAIN_KEY.test(segment)) out += out ? `.${segment}` : segment
    else out += `[${JSON.stringify(segment)}]`
  }
  return out
}

/**
 * Turns the problems of one file into one error: a line per problem, in file order, each
 * starting with `file:line:column`. The error's location is the first problem's.
 */
export function createProblemsError(
  code: UpcheckErrorCode,
  source: SourceDocument,
  problems: readonly Problem[],
): UpcheckError {
  const placed = problems
    .map((problem) => ({ problem, position: locatePath(source, problem.path, problem.at) }))
    .sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column)
  const lines = placed
    .slice(0, MAX_LINES)
    .map(
      ({ problem, position }) =>
        `${formatLocation({ file: source.displayFile, ...position })}: ${problem.message}`,
    )
  // A file that is not a contract at all would otherwise bury the terminal.
  if (placed.length > MAX_LINES)
    lines.push(
      `${source.displayFile}: ${placed.length - MAX_LINES} more problems not shown. Fix the ones above first.`,
    )
  const first = placed[0]!
  return new UpcheckError(code, lines.join('\n'), {
    location: {
      file: source.displayFile,
      ...first.position,
      path: formatFieldPath(first.problem.path),
    },
  })
}
