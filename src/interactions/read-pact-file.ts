import { readTextFile } from '../files/index.js'
import type { PactDocument } from '../model/index.js'
import { readPact } from './read-pact.js'

/**
 * The largest Pact file read (100 MiB), and HAR files imported: far above any recording
 * (10,000 interactions are a few MB), far below what parsing it would cost in memory.
 */
export const MAX_PACT_FILE_BYTES = 100 * 1024 * 1024

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
    maxBytes: MAX_PACT_FILE_BYTES,
    whenTooLarge: 'Split the interactions across contracts, or remove the ones no longer used',
  })
  return readPact(text, file)
}
