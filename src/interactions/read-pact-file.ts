import { readFile } from 'node:fs/promises'
import type { PactDocument } from '../model/index.js'
import { UpcheckError } from '../model/index.js'
import { readPact } from './read-pact.js'

/**
 * Reads a Pact V2/V3/V4 file from disk.
 * @param file the path, used as given in error messages.
 * @throws UpcheckError `PACT_UNREADABLE` when the file cannot be read or is not JSON, and the
 * errors of {@link readPact} otherwise.
 */
export async function readPactFile(file: string): Promise<PactDocument> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const problem =
      code === 'ENOENT'
        ? 'the file does not exist'
        : code === 'EISDIR'
          ? 'this is a directory, not a file'
          : `the file cannot be read (${code ?? String(error)})`
    throw new UpcheckError(
      'PACT_UNREADABLE',
      `${file}: ${problem}. Check the contract's "interactions" path, or record interactions first.`,
      {
        cause: error,
        location: { file },
      },
    )
  }
  return readPact(text, file)
}
