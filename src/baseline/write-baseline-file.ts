import { createHash } from 'node:crypto'
import { writeFileAtomically } from '../files/index.js'

/**
 * Writes a baseline file whole or not at all (a verify running meanwhile reads the old
 * document or the new one) and returns the sha256 of the bytes written.
 */
export async function writeBaselineFile(file: string, text: string): Promise<string> {
  await writeFileAtomically(file, text)
  return createHash('sha256').update(text).digest('hex')
}
