import { verify } from 'node:crypto'
import {
  IN_TOTO_PAYLOAD_TYPE,
  envelopePayload,
  preAuthEncoding,
  type DsseEnvelope,
} from './dsse-envelope.js'
import { keyIdOf, readTrustedKey, type TrustedKey } from './receipt-key.js'
import { kindOfPredicateType, type ReceiptStatement } from './receipt-statement.js'
import { sha256Hex } from './sign-receipt.js'

/** Why a receipt does not hold. */
export type ReceiptProblem =
  | 'unreadable'
  | 'unsigned'
  | 'unknown-key'
  | 'bad-signature'
  | 'broken-link'
  | 'missing-receipt'
  /** A key rotation not signed by the key it retires alone, or naming a key it does not hold. */
  | 'bad-rotation'
  /** Signed by a key that an earlier receipt of the chain retired. */
  | 'retired-key'

export interface BadReceipt {
  /** Position in the chain, 0 for the oldest. */
  index: number
  /** The receipt's sequence number, when its payload could be read. */
  sequence?: number
  /** Hex sha256 of its payload bytes. */
  digest: string
  problem: ReceiptProblem
  /** One line for people: what is wrong with it. */
  detail: string
}

export interface ChainVerdict {
  contract?: string
  /** Receipts checked before the first bad one (all of them when none is bad). */
  verified: number
  firstBad?: BadReceipt
  /** Hex sha256 of the newest receipt's payload: the head a person compares. */
  head?: string
}

/**
 * Checks one contract's receipts, oldest first: every signature by a trusted key over the
 * DSSE pre-authentication encoding, each `previous` the digest of the receipt before, and
 * sequence numbers without a gap. Stops at the first receipt that does not hold.
 * A `key-rotated` receipt must be signed by the key it retires, and only by it; from then on
 * that key signs nothing more in the chain, and its successor (whose public key the receipt
 * carries) is trusted for the rest of the chain even where no `keys/` file names it.
 */
export function verifyReceiptChain(
  envelopes: readonly DsseEnvelope[],
  trusted: ReadonlyMap<string, TrustedKey>,
): ChainVerdict {
  let previous: string | null = null
  let contract: string | undefined
  const keys = new Map(trusted)
  const retired = new Set<string>()
  for (let index = 0; index < envelopes.length; index++) {
    const envelope = envelopes[index]!
    const payload = envelopePayload(envelope)
    const digest = sha256Hex(payload)
    const bad = (problem: ReceiptProblem, detail: string, sequence?: number): ChainVerdict => ({
      ...(contract === undefined ? {} : { contract }),
      verified: index,
      firstBad: { index, digest, problem, detail, ...(sequence === undefined ? {} : { sequence }) },
    })
    const statement = readStatement(envelope, payload)
    if (typeof statement === 'string') return bad('unreadable', statement)
    const { sequence } = statement.predicate
    contract ??= statement.predicate.contract
    const signatureProblem = checkSignatures(envelope, payload, keys)
    if (signatureProblem) return bad(signatureProblem.problem, signatureProblem.detail, sequence)
    const retiredSigner = envelope.signatures.find((s) => retired.has(s.keyid))
    if (retiredSigner)
      return bad(
        'retired-key',
        `it is signed by key ${retiredSigner.keyid.slice(0, 12)}…, which an earlier receipt of the chain retired`,
        sequence,
      )
    if (statement.predicate.contract !== contract)
      return bad(
        'broken-link',
        `it belongs to contract ${statement.predicate.contract}, not ${contract}`,
        sequence,
      )
    if (sequence !== index + 1)
      return bad(
        sequence > index + 1 ? 'missing-receipt' : 'broken-link',
        sequence > index + 1
          ? `receipt ${index + 1}${sequence > index + 2 ? ` to ${sequence - 1}` : ''} before it is missing`
          : `its sequence number ${sequence} repeats or goes back (expected ${index + 1})`,
        sequence,
      )
    if (statement.predicate.previous !== previous)
      return bad(
        'broken-link',
        previous === null
          ? 'the first receipt must link to nothing'
          : `its previous link ${String(statement.predicate.previous).slice(0, 12)}… is not the digest ${previous.slice(0, 12)}… of the receipt before`,
        sequence,
      )
    if (kindOfPredicateType(String(statement.predicateType)) === 'key-rotated') {
      const rotation = readRotation(envelope, statement)
      if (typeof rotation === 'string') return bad('bad-rotation', rotation, sequence)
      retired.add(rotation.oldKeyid)
      if (!keys.has(rotation.successor.keyid))
        keys.set(rotation.successor.keyid, rotation.successor)
    }
    previous = digest
  }
  return {
    ...(contract === undefined ? {} : { contract }),
    verified: envelopes.length,
    ...(previous === null ? {} : { head: previous }),
  }
}

/** The successor a rotation names, or why the rotation does not hold. */
function readRotation(
  envelope: DsseEnvelope,
  statement: ReceiptStatement,
): { oldKeyid: string; successor: TrustedKey } | string {
  const { oldKeyid, newKeyid, newPublicKey } = statement.predicate
  const signers = envelope.signatures.map((s) => String(s.keyid))
  if (signers.length !== 1 || signers[0] !== oldKeyid)
    return `a key rotation must be signed by the key it retires (${String(oldKeyid).slice(0, 12)}…) alone, not by ${signers.map((k) => `${k.slice(0, 12)}…`).join(' and ')}`
  let successor: TrustedKey
  try {
    successor = readTrustedKey(String(newPublicKey))
  } catch {
    return 'its new public key cannot be read'
  }
  if (successor.keyid !== newKeyid || keyIdOf(successor.publicKey) !== newKeyid)
    return `its new public key is not the key ${String(newKeyid).slice(0, 12)}… it names`
  if (newKeyid === oldKeyid) return 'it names the key it retires as its own successor'
  return { oldKeyid: String(oldKeyid), successor }
}

function readStatement(envelope: DsseEnvelope, payload: Buffer): ReceiptStatement | string {
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE)
    return `its payload type is ${JSON.stringify(envelope.payloadType)}, not ${IN_TOTO_PAYLOAD_TYPE}`
  let statement: unknown
  try {
    statement = JSON.parse(payload.toString('utf8'))
  } catch {
    return 'its payload is not JSON'
  }
  const predicate = (statement as ReceiptStatement | null)?.predicate
  if (
    typeof predicate !== 'object' ||
    predicate === null ||
    typeof predicate.contract !== 'string' ||
    !Number.isInteger(predicate.sequence) ||
    !(predicate.previous === null || typeof predicate.previous === 'string')
  )
    return 'its payload is not an upcheck receipt statement (contract, sequence, previous)'
  return statement as ReceiptStatement
}

function checkSignatures(
  envelope: DsseEnvelope,
  payload: Buffer,
  trusted: ReadonlyMap<string, TrustedKey>,
): { problem: ReceiptProblem; detail: string } | undefined {
  if (!Array.isArray(envelope.signatures) || envelope.signatures.length === 0)
    return { problem: 'unsigned', detail: 'it has no signature' }
  const pae = preAuthEncoding(envelope.payloadType, payload)
  for (const { keyid, sig } of envelope.signatures) {
    const key = trusted.get(keyid)
    if (!key)
      return {
        problem: 'unknown-key',
        detail: `it is signed by key ${String(keyid).slice(0, 12)}…, which is not among the trusted keys`,
      }
    if (!verify(null, pae, key.publicKey, Buffer.from(String(sig), 'base64')))
      return {
        problem: 'bad-signature',
        detail: `the signature by ${key.name ?? `key ${keyid.slice(0, 12)}…`} does not match its payload`,
      }
  }
  return undefined
}
