import { chmod, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BuildReceipt, StoredReceipt } from '../model/index.js'
import { buildKeyRotatedReceipt } from './build-receipts.js'
import { envelopePayload } from './dsse-envelope.js'
import {
  generateSigningKey,
  privateKeyPem,
  readSigningKey,
  type SigningKey,
} from './receipt-key.js'
import { INSTANCE_KEY_FILE, readUpcheckVersion, writeInstancePublicKey } from './receipt-signer.js'

/** What a rotation needs of the store: every chain, to append its rotation receipt. */
export interface RotationStore {
  listReceiptContracts(): Promise<string[]>
  listReceipts(contract: string): Promise<StoredReceipt[]>
  appendReceipt(contract: string, receipt: BuildReceipt): Promise<StoredReceipt>
}

export interface KeyRotation {
  oldKeyid: string
  newKeyid: string
  /** Contracts whose chain got a rotation receipt. */
  chains: string[]
}

/** Where a rotation keeps its new key until the old one is replaced: a re-run resumes with it. */
const NEXT_KEY_FILE = 'signing-key.next.pem'

/**
 * Rotates the instance key in `folder`: a new key, a `key-rotated` receipt signed by the old
 * key and naming the new one appended to every contract's chain, the new public key beside
 * the old one in `keys/` (which stays, so old receipts still verify), and the old private key
 * replaced. @returns `undefined` when there is no instance key yet (nothing to rotate).
 * @note The new key is put in place before the receipts: a daemon re-reads the key file, so
 * after a chain's rotation receipt no receipt of it is signed by the retired key. A rotation
 * cut short before that is resumed by running it again (it reuses the waiting key); one cut
 * short after leaves the chains not yet reached with the old key trusted, as before.
 */
export async function rotateInstanceKey(
  folder: string,
  store: RotationStore,
  options: { by: string; now(): number },
): Promise<KeyRotation | undefined> {
  const file = join(folder, INSTANCE_KEY_FILE)
  const nextFile = join(folder, NEXT_KEY_FILE)
  const currentPem = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw error
  })
  if (currentPem === undefined) return undefined
  const retiring = readSigningKey(currentPem)
  const successor = await readOrCreateNextKey(nextFile)
  await writeInstancePublicKey(folder, retiring)
  await writeInstancePublicKey(folder, successor)
  await rename(nextFile, file)

  const signer = { by: options.by, upcheckVersion: await readUpcheckVersion() }
  const chains: string[] = []
  for (const contract of await store.listReceiptContracts()) {
    if (await hasRotationTo(store, contract, successor.keyid)) continue
    const at = new Date(options.now()).toISOString()
    await store.appendReceipt(
      contract,
      buildKeyRotatedReceipt(contract, at, retiring, successor, signer),
    )
    chains.push(contract)
  }
  return { oldKeyid: retiring.keyid, newKeyid: successor.keyid, chains }
}

async function readOrCreateNextKey(file: string): Promise<SigningKey> {
  try {
    return readSigningKey(await readFile(file, 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const key = generateSigningKey()
  await writeFile(file, privateKeyPem(key), { mode: 0o600, flag: 'wx' })
  await chmod(file, 0o600)
  return key
}

async function hasRotationTo(store: RotationStore, contract: string, keyid: string) {
  const receipts = await store.listReceipts(contract)
  return receipts.some((receipt) => {
    if (receipt.kind !== 'key-rotated') return false
    const statement = JSON.parse(envelopePayload(receipt.envelope).toString('utf8'))
    return statement?.predicate?.newKeyid === keyid
  })
}
