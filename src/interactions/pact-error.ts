import { UpcheckError, type UpcheckErrorCode } from '../model/index.js'

/** Where a value sits while a Pact file is read: the file and the JSON path inside it. */
export interface ReadLocation {
  /** The file as the user named it; `<pact>` when the text did not come from a file. */
  file: string
  /** JSON path of the value, like `$.interactions[3].response`. */
  path: string
}

/**
 * Builds the error for a Pact file that cannot be used: `file: $.path: what is wrong. What to do.`
 * The message carries no stack and no internals, so the CLI can print it as is.
 */
export function createPactError(
  code: UpcheckErrorCode,
  at: ReadLocation,
  problem: string,
  remedy: string,
  cause?: unknown,
): UpcheckError {
  const end = /[.!?]$/.test(remedy) ? '' : '.'
  return new UpcheckError(code, `${at.file}: ${at.path}: ${problem}. ${remedy}${end}`, {
    cause,
    location: { file: at.file, path: at.path },
  })
}
