import { readTextFile } from '../files/index.js'
import type { PactDocument } from '../model/index.js'
import { readPact } from './read-pact.js'

/**
 * Reads a Pact V2/V3/V4 file from disk.
 * @param file the path, used as given in error messages.
 * @throws UpcheckError `PACT_UNREADABLE` when the file cannot be read or is not JSON, and the
 * errors of {@link readPact} otherwise.
 */
export async function readPactFile(file: string): Promise<PactDocument> {
  const text = await readTextFile(file, {
    code: 'PACT_UNREADABLE',
    whenMissing: `Check the contract's "interactions" path, or record interactions first`,
  })
  return readPact(text, file)
}
