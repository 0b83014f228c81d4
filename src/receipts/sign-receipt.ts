import { createHash, sign } from 'node:crypto'
import { IN_TOTO_PAYLOAD_TYPE, preAuthEncoding, type DsseEnvelope } from './dsse-envelope.js'
import type { SigningKey } from './receipt-key.js'
import type { ReceiptStatement } from './receipt-statement.js'

/** A signed receipt as stored: the envelope and the digest the next receipt links to. */
export interface SignedReceipt {
  envelope: DsseEnvelope
  /** Hex sha256 of the payload bytes: what the next receipt's `previous` holds. */
  digest: string
}

/**
 * Serialises a statement once and signs its bytes with each key (the instance's, and a
 * person's when they countersign). The payload bytes are kept as signed: verifiers never
 * re-serialise, so no canonical JSON is needed.
 */
export function signReceipt(
  statement: ReceiptStatement,
  keys: readonly SigningKey[],
): SignedReceipt {
  const payload = Buffer.from(JSON.stringify(statement), 'utf8')
  const pae = preAuthEncoding(IN_TOTO_PAYLOAD_TYPE, payload)
  return {
    envelope: {
      payloadType: IN_TOTO_PAYLOAD_TYPE,
      payload: payload.toString('base64'),
      signatures: keys.map((key) => ({
        keyid: key.keyid,
        sig: sign(null, pae, key.privateKey).toString('base64'),
      })),
    },
    digest: sha256Hex(payload),
  }
}

/** Adds a signature to an envelope over the same payload: a countersignature. */
export function countersign(envelope: DsseEnvelope, key: SigningKey): DsseEnvelope {
  const pae = preAuthEncoding(envelope.payloadType, Buffer.from(envelope.payload, 'base64'))
  return {
    ...envelope,
    signatures: [
      ...envelope.signatures,
      { keyid: key.keyid, sig: sign(null, pae, key.privateKey).toString('base64') },
    ],
  }
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}
