import { readFile } from 'node:fs/promises'
import { UpcheckError, type UpcheckErrorCode } from '../model/index.js'

export interface ReadTextFileOptions {
  /** The error code a failure becomes. */
  code: UpcheckErrorCode
  /** The file's name in messages, as the user knows it. Default: the path as given. */
  shownAs?: string
  /**
   * What to do when the file does not exist. Default "Check the path". Other failures (a
   * folder, no permission) say what to do themselves.
   */
  whenMissing?: string
}

/**
 * Reads a UTF-8 file, turning a failure into an {@link UpcheckError} that names the file, says
 * why in words rather than an errno, and what to do.
 *
 * @example
 * await readTextFile('contracts/missing.yaml', { code: 'CONTRACT_UNREADABLE' })
 * // throws "contracts/missing.yaml: the file does not exist. Check the path."
 */
export async function readTextFile(file: string, options: ReadTextFileOptions): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    const shownAs = options.shownAs ?? file
    throw new UpcheckError(
      options.code,
      `${shownAs}: ${describeReadFailure(error, options.whenMissing ?? 'Check the path')}.`,
      { cause: error, location: { file: shownAs } },
    )
  }
}

function describeReadFailure(error: unknown, whenMissing: string): string {
  const errno = (error as NodeJS.ErrnoException).code
  switch (errno) {
    case 'ENOENT':
      return `the file does not exist. ${whenMissing}`
    case 'EISDIR':
      return 'it is a folder, not a file. Name a file'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied. Make the file readable'
    default:
      return `it cannot be read (${errno ?? String(error)}). Check the file`
  }
}
