import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import {
  generateSigningKey,
  privateKeyPem,
  readSigningKey,
  type SigningKey,
} from './receipt-key.js'

/**
 * The instance's signing key, made on first use: PKCS#8 PEM at `file` (normally
 * `.upcheck/signing-key.pem`), mode 0600. It is never printed and never put in a report;
 * only its public half leaves the machine, in exports and `keys/`.
 */
export async function loadOrCreateInstanceKey(file: string): Promise<SigningKey> {
  try {
    return readSigningKey(await readFile(file, 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const key = generateSigningKey()
  await mkdir(dirname(file), { recursive: true })
  // @note 'wx' fails when a concurrent process made the key first; that key is then used.
  try {
    await writeFile(file, privateKeyPem(key), { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return readSigningKey(await readFile(file, 'utf8'))
    throw error
  }
  await chmod(file, 0o600)
  return key
}
