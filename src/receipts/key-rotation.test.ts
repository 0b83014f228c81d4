import { describe, expect, it } from 'vitest'
import type { BuildReceipt, ReceiptLink } from '../model/index.js'
import { buildContractAddedReceipt, buildKeyRotatedReceipt } from './build-receipts.js'
import type { DsseEnvelope } from './dsse-envelope.js'
import { generateSigningKey, type SigningKey, type TrustedKey } from './receipt-key.js'
import { buildStatement } from './receipt-statement.js'
import { signReceipt } from './sign-receipt.js'
import { verifyReceiptChain } from './verify-receipts.js'

const old = generateSigningKey()
const next = generateSigningKey()
const stranger = generateSigningKey()
const trust = (...keys: SigningKey[]) =>
  new Map<string, TrustedKey>(
    keys.map((k) => [k.keyid, { keyid: k.keyid, publicKey: k.publicKey }]),
  )
const about = { by: 'upcheck@ci', upcheckVersion: '0.1.0' }
const at = '2026-11-28T08:00:00.000Z'

/** A chain of `posts-api` made of the given builders, each following the one before. */
function chainOf(builders: BuildReceipt[]): DsseEnvelope[] {
  let head: ReceiptLink | undefined
  return builders.map((build) => {
    const receipt = build(head)
    head = { sequence: (head?.sequence ?? 0) + 1, digest: receipt.digest }
    return receipt.envelope as DsseEnvelope
  })
}

const added = (key: SigningKey) =>
  buildContractAddedReceipt(
    { contract: 'posts-api', owner: 'Ann', file: '/c.yaml', firstSeenAt: at },
    [],
    { ...about, keys: [key] },
  )
const rotation = (retiring: SigningKey, successor: SigningKey) =>
  buildKeyRotatedReceipt('posts-api', at, retiring, successor, about)

/** The receipt `build` makes, with its payload edited and signed by `keys` instead. */
function resigned(
  build: BuildReceipt,
  keys: SigningKey[],
  edit: (predicate: Record<string, unknown>) => void = () => {},
): BuildReceipt {
  return (link) => {
    const receipt = build(link)
    const statement = JSON.parse(Buffer.from(receipt.envelope.payload, 'base64').toString('utf8'))
    edit(statement.predicate)
    const signed = signReceipt(
      buildStatement('key-rotated', statement.subject, statement.predicate),
      keys,
    )
    return { ...receipt, envelope: signed.envelope, digest: signed.digest }
  }
}

describe('verifyReceiptChain across a key rotation', () => {
  it('accepts a chain whose old key names its successor, trusting the successor from the chain alone', () => {
    const receipts = chainOf([added(old), rotation(old, next), added(next)])
    expect(verifyReceiptChain(receipts, trust(old))).toMatchObject({ verified: 3 })
    expect(verifyReceiptChain(receipts, trust(old)).firstBad).toBeUndefined()
  })

  it('refuses a rotation signed by another trusted key', () => {
    const receipts = chainOf([added(old), resigned(rotation(old, next), [stranger])])
    expect(verifyReceiptChain(receipts, trust(old, stranger)).firstBad).toMatchObject({
      sequence: 2,
      problem: 'bad-rotation',
    })
  })

  it('refuses a rotation countersigned by a second key', () => {
    const receipts = chainOf([added(old), resigned(rotation(old, next), [old, stranger])])
    expect(verifyReceiptChain(receipts, trust(old, stranger)).firstBad?.problem).toBe(
      'bad-rotation',
    )
  })

  it('refuses a rotation whose public key is not the key it names', () => {
    const receipts = chainOf([
      added(old),
      resigned(rotation(old, next), [old], (p) => (p.newKeyid = stranger.keyid)),
      added(stranger),
    ])
    expect(verifyReceiptChain(receipts, trust(old)).firstBad).toMatchObject({
      sequence: 2,
      problem: 'bad-rotation',
    })
  })

  it('refuses a receipt signed by the retired key after the rotation', () => {
    const receipts = chainOf([added(old), rotation(old, next), added(old)])
    expect(verifyReceiptChain(receipts, trust(old, next)).firstBad).toMatchObject({
      sequence: 3,
      problem: 'retired-key',
    })
  })

  it('does not trust a successor named by a rotation that failed', () => {
    const receipts = chainOf([added(old), resigned(rotation(old, next), [stranger]), added(next)])
    expect(verifyReceiptChain(receipts, trust(old, stranger)).verified).toBe(1)
  })
})
