import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { generateSigningKey, publicKeyPem } from '../../src/receipts/receipt-key.js'
import { buildStatement } from '../../src/receipts/receipt-statement.js'
import { signReceipt } from '../../src/receipts/sign-receipt.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upcheck-openssl-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/**
 * Verifies one envelope the way the README tells an auditor to: rebuild the DSSE
 * pre-authentication encoding with printf-like byte counting, then `openssl pkeyutl -verify
 * -rawin`. Nothing of upcheck's own verification code is used.
 */
async function opensslVerifies(
  envelope: { payloadType: string; payload: string; signatures: { sig: string }[] },
  pem: string,
) {
  const payload = Buffer.from(envelope.payload, 'base64')
  const pae = Buffer.concat([
    Buffer.from(
      `DSSEv1 ${Buffer.byteLength(envelope.payloadType)} ${envelope.payloadType} ${payload.length} `,
    ),
    payload,
  ])
  await writeFile(join(dir, 'pae.bin'), pae)
  await writeFile(join(dir, 'sig.bin'), Buffer.from(envelope.signatures[0]!.sig, 'base64'))
  await writeFile(join(dir, 'key.pem'), pem)
  try {
    const out = execFileSync(
      'openssl',
      [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        'key.pem',
        '-rawin',
        '-in',
        'pae.bin',
        '-sigfile',
        'sig.bin',
      ],
      { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    )
    return out.includes('Signature Verified Successfully')
  } catch {
    return false
  }
}

it('a receipt verifies with the openssl binary alone, and a tampered one does not', async () => {
  const key = generateSigningKey()
  const statement = buildStatement(
    'run',
    [{ name: 'posts-api.pact.json', digest: { sha256: 'cd'.repeat(32) } }],
    {
      contract: 'posts-api',
      sequence: 1,
      previous: null,
      at: '2026-11-28T08:00:00.000Z',
      by: 'upcheck@ci',
      upcheckVersion: '0.1.0',
      status: 'verified',
    },
  )
  const { envelope } = signReceipt(statement, [key])

  expect(await opensslVerifies(envelope, publicKeyPem(key.publicKey))).toBe(true)
  const tampered = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'))
  tampered.predicate.status = 'broken'
  expect(
    await opensslVerifies(
      { ...envelope, payload: Buffer.from(JSON.stringify(tampered)).toString('base64') },
      publicKeyPem(key.publicKey),
    ),
  ).toBe(false)
  expect(await opensslVerifies(envelope, publicKeyPem(generateSigningKey().publicKey))).toBe(false)
})
