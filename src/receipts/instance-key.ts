import { randomUUID } from 'node:crypto'
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises'
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
  // @note Written whole under a private name, then linked into place: `link` fails when a
  // concurrent process made the key first (that key is then used), and nobody ever reads a
  // half-written key file.
  const draft = `${file}.${process.pid}.${randomUUID()}.tmp`
  await writeFile(draft, privateKeyPem(key), { mode: 0o600, flag: 'wx' })
  try {
    await chmod(draft, 0o600)
    await link(draft, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return readSigningKey(await readFile(file, 'utf8'))
    throw error
  } finally {
    await unlink(draft).catch(() => {})
  }
  return key
}
