import { access } from 'node:fs/promises'
import type { PactDocument } from '../model/index.js'
import { readPactFile } from '../interactions/index.js'

/**
 * The contract's Pact file as it stands, or a new empty V4 document when there is none yet.
 * A file that exists but cannot be read is an error (never overwritten): the user's
 * interactions are in it.
 */
export async function openPactDocument(
  file: string,
  parties: { consumer: string; provider: string },
): Promise<PactDocument> {
  try {
    await access(file)
  } catch {
    return {
      consumer: parties.consumer,
      provider: parties.provider,
      interactions: [],
      specVersion: '4.0',
      metadata: {},
    }
  }
  return readPactFile(file)
}
