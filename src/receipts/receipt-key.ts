import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto'
import type { KeyObject } from 'node:crypto'

/** An Ed25519 key that signs receipts, with the id verifiers know it by. */
export interface SigningKey {
  keyid: string
  privateKey: KeyObject
  publicKey: KeyObject
}

/** A public key a verifier trusts, with whose it is when known (`Ann Lee <ann@example.com>`). */
export interface TrustedKey {
  keyid: string
  publicKey: KeyObject
  name?: string
}

/** The hex sha256 of a public key's SPKI DER encoding: DSSE's `keyid` for it. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
}

export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  return { keyid: keyIdOf(publicKey), privateKey, publicKey }
}

/** A signing key from its PKCS#8 PEM. */
export function readSigningKey(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem)
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new TypeError(`the key is ${privateKey.asymmetricKeyType}, not Ed25519`)
  const publicKey = createPublicKey(privateKey)
  return { keyid: keyIdOf(publicKey), privateKey, publicKey }
}

export function privateKeyPem(key: SigningKey): string {
  return key.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
}

/** The SPKI PEM that `openssl pkeyutl -pubin -inkey` reads. */
export function publicKeyPem(publicKey: KeyObject): string {
  return publicKey.export({ type: 'spki', format: 'pem' }) as string
}

/** A trusted public key from its SPKI PEM. */
export function readTrustedKey(pem: string, name?: string): TrustedKey {
  const publicKey = createPublicKey(pem)
  if (publicKey.asymmetricKeyType !== 'ed25519')
    throw new TypeError(`the key is ${publicKey.asymmetricKeyType}, not Ed25519`)
  return name === undefined
    ? { keyid: keyIdOf(publicKey), publicKey }
    : { keyid: keyIdOf(publicKey), publicKey, name }
}
