import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { envelopePayload, type DsseEnvelope } from './dsse-envelope.js'
import { publicKeyPem, readTrustedKey, type TrustedKey } from './receipt-key.js'
import { verifyReceiptChain, type ChainVerdict } from './verify-receipts.js'

export const RECEIPTS_FILE = 'receipts.jsonl'
export const KEYS_FOLDER = 'keys'

/**
 * Writes `DIR/receipts.jsonl` (one envelope a line, each contract's chain oldest first) and
 * `DIR/keys/<keyid>.pem` (the SPKI public key of every signer), so the trail can be checked
 * offline with upcheck or with openssl alone.
 */
export async function writeReceiptExport(
  dir: string,
  chains: ReadonlyMap<string, readonly DsseEnvelope[]>,
  keys: readonly TrustedKey[],
): Promise<{ receipts: number; keys: number }> {
  await mkdir(join(dir, KEYS_FOLDER), { recursive: true })
  const lines: string[] = []
  for (const envelopes of chains.values())
    for (const envelope of envelopes) lines.push(JSON.stringify(envelope))
  await writeFile(join(dir, RECEIPTS_FILE), lines.length ? `${lines.join('\n')}\n` : '')
  const signers = new Set(
    [...chains.values()].flatMap((envelopes) =>
      envelopes.flatMap((envelope) => envelope.signatures.map((s) => s.keyid)),
    ),
  )
  const written = keys.filter((key) => signers.has(key.keyid))
  for (const key of written)
    await writeFile(join(dir, KEYS_FOLDER, `${key.keyid}.pem`), publicKeyPem(key.publicKey))
  return { receipts: lines.length, keys: written.length }
}

/** What an export holds, read back: the chains by contract in file order, and its keys. */
export async function readReceiptExport(dir: string): Promise<{
  chains: Map<string, DsseEnvelope[]>
  keys: Map<string, TrustedKey>
}> {
  const text = await readFile(join(dir, RECEIPTS_FILE), 'utf8')
  const chains = new Map<string, DsseEnvelope[]>()
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return
    let envelope: DsseEnvelope
    try {
      envelope = JSON.parse(line) as DsseEnvelope
    } catch {
      throw new SyntaxError(`${RECEIPTS_FILE}:${index + 1}: the line is not a JSON envelope`)
    }
    const contract = contractOf(envelope) ?? `(unreadable receipt at line ${index + 1})`
    const chain = chains.get(contract) ?? []
    chain.push(envelope)
    chains.set(contract, chain)
  })
  const keys = new Map<string, TrustedKey>()
  const names = await readdir(join(dir, KEYS_FOLDER)).catch(() => [] as string[])
  for (const name of names.filter((n) => n.endsWith('.pem'))) {
    const key = readTrustedKey(await readFile(join(dir, KEYS_FOLDER, name), 'utf8'))
    keys.set(key.keyid, key)
  }
  return { chains, keys }
}

/** Verifies every chain of an export against `trusted` keys (by default, the export's own). */
export async function verifyReceiptExport(
  dir: string,
  trusted?: ReadonlyMap<string, TrustedKey>,
): Promise<ChainVerdict[]> {
  const { chains, keys } = await readReceiptExport(dir)
  return [...chains.values()].map((chain) => verifyReceiptChain(chain, trusted ?? keys))
}

function contractOf(envelope: DsseEnvelope): string | undefined {
  try {
    const statement = JSON.parse(envelopePayload(envelope).toString('utf8'))
    return typeof statement?.predicate?.contract === 'string'
      ? statement.predicate.contract
      : undefined
  } catch {
    return undefined
  }
}
