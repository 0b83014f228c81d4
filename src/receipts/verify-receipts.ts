import { verify } from 'node:crypto'
import {
  IN_TOTO_PAYLOAD_TYPE,
  envelopePayload,
  preAuthEncoding,
  type DsseEnvelope,
} from './dsse-envelope.js'
import type { TrustedKey } from './receipt-key.js'
import type { ReceiptStatement } from './receipt-statement.js'
import { sha256Hex } from './sign-receipt.js'

/** Why a receipt does not hold. */
export type ReceiptProblem =
  'unreadable' | 'unsigned' | 'unknown-key' | 'bad-signature' | 'broken-link' | 'missing-receipt'

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
 */
export function verifyReceiptChain(
  envelopes: readonly DsseEnvelope[],
  trusted: ReadonlyMap<string, TrustedKey>,
): ChainVerdict {
  let previous: string | null = null
  let contract: string | undefined
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
    const signatureProblem = checkSignatures(envelope, payload, trusted)
    if (signatureProblem) return bad(signatureProblem.problem, signatureProblem.detail, sequence)
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
    previous = digest
  }
  return {
    ...(contract === undefined ? {} : { contract }),
    verified: envelopes.length,
    ...(previous === null ? {} : { head: previous }),
  }
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
