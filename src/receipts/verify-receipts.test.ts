import { describe, expect, it } from 'vitest'
import type { DsseEnvelope } from './dsse-envelope.js'
import { generateSigningKey, type SigningKey, type TrustedKey } from './receipt-key.js'
import { buildStatement } from './receipt-statement.js'
import { countersign, signReceipt } from './sign-receipt.js'
import { verifyReceiptChain } from './verify-receipts.js'

const instance = generateSigningKey()
const person = generateSigningKey()
const trusted = new Map<string, TrustedKey>(
  [instance, person].map((key) => [key.keyid, { keyid: key.keyid, publicKey: key.publicKey }]),
)

function chain(length: number, key: SigningKey = instance): DsseEnvelope[] {
  const out: DsseEnvelope[] = []
  let previous: string | null = null
  for (let sequence = 1; sequence <= length; sequence++) {
    const statement = buildStatement(
      'run',
      [{ name: 'posts-api.pact.json', digest: { sha256: 'ab'.repeat(32) } }],
      {
        contract: 'posts-api',
        sequence,
        previous,
        at: `2026-11-2${sequence}T08:00:00.000Z`,
        by: 'upcheck@ci',
        upcheckVersion: '0.1.0',
        status: 'verified',
      },
    )
    const signed = signReceipt(statement, [key])
    out.push(signed.envelope)
    previous = signed.digest
  }
  return out
}

function withPayload(envelope: DsseEnvelope, edit: (statement: any) => void): DsseEnvelope {
  const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'))
  edit(statement)
  return { ...envelope, payload: Buffer.from(JSON.stringify(statement)).toString('base64') }
}

describe('verifyReceiptChain', () => {
  it('accepts an intact chain and names its head', () => {
    const verdict = verifyReceiptChain(chain(3), trusted)
    expect(verdict).toMatchObject({ contract: 'posts-api', verified: 3 })
    expect(verdict.firstBad).toBeUndefined()
    expect(verdict.head).toMatch(/^[0-9a-f]{64}$/)
  })

  it('names a receipt whose payload was edited after signing', () => {
    const receipts = chain(3)
    receipts[1] = withPayload(receipts[1]!, (s) => (s.predicate.status = 'broken'))
    expect(verifyReceiptChain(receipts, trusted).firstBad).toMatchObject({
      index: 1,
      sequence: 2,
      problem: 'bad-signature',
    })
  })

  it('names a receipt signed by a key nobody trusts', () => {
    const receipts = chain(2, generateSigningKey())
    expect(verifyReceiptChain(receipts, trusted).firstBad).toMatchObject({
      index: 0,
      problem: 'unknown-key',
    })
  })

  it('names the receipt after a deleted one as missing its predecessor', () => {
    const receipts = chain(4)
    receipts.splice(1, 1)
    expect(verifyReceiptChain(receipts, trusted).firstBad).toMatchObject({
      index: 1,
      sequence: 3,
      problem: 'missing-receipt',
      detail: 'receipt 2 before it is missing',
    })
  })

  it('names a receipt re-signed by a trusted key but linked to another chain', () => {
    const receipts = chain(3)
    const forged = buildStatement('run', [], {
      contract: 'posts-api',
      sequence: 3,
      previous: '00'.repeat(32),
      at: '2026-11-28T08:00:00.000Z',
      by: 'upcheck@ci',
      upcheckVersion: '0.1.0',
    })
    receipts[2] = signReceipt(forged, [instance]).envelope
    expect(verifyReceiptChain(receipts, trusted).firstBad).toMatchObject({
      index: 2,
      problem: 'broken-link',
    })
  })

  it('checks every signature of a countersigned receipt', () => {
    const [first] = chain(1)
    const both = countersign(first!, person)
    expect(verifyReceiptChain([both], trusted).firstBad).toBeUndefined()
    const tampered = {
      ...both,
      signatures: [both.signatures[0]!, { ...both.signatures[1]!, sig: both.signatures[0]!.sig }],
    }
    expect(verifyReceiptChain([tampered], trusted).firstBad).toMatchObject({
      problem: 'bad-signature',
    })
  })

  it('refuses an envelope with no signature or another payload type', () => {
    const [first] = chain(1)
    expect(verifyReceiptChain([{ ...first!, signatures: [] }], trusted).firstBad?.problem).toBe(
      'unsigned',
    )
    expect(
      verifyReceiptChain([{ ...first!, payloadType: 'text/plain' }], trusted).firstBad?.problem,
    ).toBe('unreadable')
  })
})
