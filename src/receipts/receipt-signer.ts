import { readFileSync, statSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { loadOrCreateInstanceKey } from './instance-key.js'
import { publicKeyPem, readSigningKey, type SigningKey } from './receipt-key.js'

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

/** The file of the instance's signing key. */
export const INSTANCE_KEY_FILE = 'signing-key.pem'

/**
 * The instance's signer: its key at `signing-key.pem` beside the store (made on first use,
 * mode 0600), and its public half written to `keys/<keyid>.pem` there so a verifier on this
 * machine trusts it. Whether that public key goes into git is the team's choice.
 * @note `keys` re-reads the key file when it changed (`keys rotate`), so a running daemon signs
 * with the new key from its next receipt on, never with a retired one.
 */
export async function openInstanceSigner(
  storeLocation: string,
  cwd = process.cwd(),
): Promise<ReceiptSigner> {
  const folder = instanceKeyFolder(storeLocation, cwd)
  const file = join(folder, INSTANCE_KEY_FILE)
  let key = await loadOrCreateInstanceKey(file)
  await writeInstancePublicKey(folder, key)
  let stamp = stampOf(file)
  const by = `upcheck@${hostname()}`
  const upcheckVersion = await readUpcheckVersion()
  return {
    get keys() {
      const now = stampOf(file)
      if (now !== undefined && now !== stamp) {
        key = readSigningKey(readFileSync(file, 'utf8'))
        stamp = now
      }
      return [key]
    },
    by,
    upcheckVersion,
  }
}

/** Writes `keys/<keyid>.pem` in the instance folder, unless it is there already. */
export async function writeInstancePublicKey(folder: string, key: SigningKey): Promise<void> {
  await mkdir(join(folder, INSTANCE_KEYS_FOLDER), { recursive: true })
  const publicFile = join(folder, INSTANCE_KEYS_FOLDER, `${key.keyid}.pem`)
  const pem = publicKeyPem(key.publicKey)
  const written = await readFile(publicFile, 'utf8').catch(() => undefined)
  if (written !== pem) await writeFile(publicFile, pem)
}

function stampOf(file: string): string | undefined {
  try {
    const stat = statSync(file)
    return `${stat.ino}:${stat.mtimeMs}:${stat.size}`
  } catch {
    return undefined
  }
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
