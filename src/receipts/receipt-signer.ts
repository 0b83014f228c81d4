import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { loadOrCreateInstanceKey } from './instance-key.js'
import { publicKeyPem, type SigningKey } from './receipt-key.js'

/** Who signs the receipts an instance writes, and what it says about itself in each. */
export interface ReceiptSigner {
  /** The instance key first; a person's key after it when they countersign. */
  keys: SigningKey[]
  /** `upcheck@<host>`: the instance as the actor of runs. */
  by: string
  upcheckVersion: string
}

/** The folder under `.upcheck/` where the instance's public key is written: `keys/<keyid>.pem`. */
export const INSTANCE_KEYS_FOLDER = 'keys'

/**
 * The instance's signer: its key at `signing-key.pem` beside the store (made on first use,
 * mode 0600), and its public half written to `keys/<keyid>.pem` there so a verifier on this
 * machine trusts it. Whether that public key goes into git is the team's choice.
 */
export async function openInstanceSigner(
  storeLocation: string,
  cwd = process.cwd(),
): Promise<ReceiptSigner> {
  const folder = instanceKeyFolder(storeLocation, cwd)
  const key = await loadOrCreateInstanceKey(join(folder, 'signing-key.pem'))
  await mkdir(join(folder, INSTANCE_KEYS_FOLDER), { recursive: true })
  const publicFile = join(folder, INSTANCE_KEYS_FOLDER, `${key.keyid}.pem`)
  const pem = publicKeyPem(key.publicKey)
  const written = await readFile(publicFile, 'utf8').catch(() => undefined)
  if (written !== pem) await writeFile(publicFile, pem)
  return { keys: [key], by: `upcheck@${hostname()}`, upcheckVersion: await readUpcheckVersion() }
}

/**
 * The folder of the instance's key for a store: beside a SQLite file; the project's
 * `.upcheck/` for a PostgreSQL store, which has no folder.
 */
export function instanceKeyFolder(storeLocation: string, cwd = process.cwd()): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(storeLocation)
    ? resolve(cwd, '.upcheck')
    : dirname(storeLocation)
}

let version: Promise<string> | undefined

/** The `version` of upcheck's package.json (the same file from src/ and from dist/). */
export function readUpcheckVersion(): Promise<string> {
  version ??= readFile(new URL('../../package.json', import.meta.url), 'utf8').then(
    (text) => String((JSON.parse(text) as { version?: unknown }).version ?? 'unknown'),
    () => 'unknown',
  )
  return version
}
