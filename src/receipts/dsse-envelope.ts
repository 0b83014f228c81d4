/**
 * A DSSE envelope (https://github.com/secure-systems-lab/dsse, v1.0): the payload, its type,
 * and signatures over the pre-authentication encoding of both.
 */
export interface DsseEnvelope {
  payloadType: string
  /** The payload bytes, base64 (standard alphabet, padded). */
  payload: string
  signatures: DsseSignature[]
}

export interface DsseSignature {
  /** Hex sha256 of the signer's public key in SPKI DER form. */
  keyid: string
  /** The Ed25519 signature of the PAE, base64. */
  sig: string
}

/** The payload type of an in-toto Statement in a DSSE envelope. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json'

/**
 * DSSE's pre-authentication encoding: `DSSEv1 SP LEN(type) SP type SP LEN(body) SP body`,
 * lengths as ASCII decimal byte counts. Signing this, not the bare payload, binds the type.
 */
export function preAuthEncoding(payloadType: string, payload: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8')
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `, 'utf8'),
    type,
    Buffer.from(` ${payload.length} `, 'utf8'),
    payload,
  ])
}

/** The payload bytes of an envelope. */
export function envelopePayload(envelope: DsseEnvelope): Buffer {
  return Buffer.from(envelope.payload, 'base64')
}
