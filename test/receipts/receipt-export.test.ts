import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loadOrCreateInstanceKey } from '../../src/receipts/instance-key.js'
import { buildStatement } from '../../src/receipts/receipt-statement.js'
import { signReceipt } from '../../src/receipts/sign-receipt.js'
import type { DsseEnvelope } from '../../src/receipts/dsse-envelope.js'
import { verifyReceiptExport, writeReceiptExport } from '../../src/receipts/receipt-export.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upcheck-export-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

it('makes the instance key once, private to its owner, and reuses it', async () => {
  const file = join(dir, '.upcheck', 'signing-key.pem')
  const first = await loadOrCreateInstanceKey(file)
  const second = await loadOrCreateInstanceKey(file)
  expect(second.keyid).toBe(first.keyid)
  expect((await stat(file)).mode & 0o777).toBe(0o600)
})

it('exports chains and signer keys, and verifies the export offline; an edited line is named', async () => {
  const key = await loadOrCreateInstanceKey(join(dir, '.upcheck', 'signing-key.pem'))
  const chains = new Map<string, DsseEnvelope[]>()
  for (const contract of ['posts-api', 'users-api']) {
    let previous: string | null = null
    const chain: DsseEnvelope[] = []
    for (let sequence = 1; sequence <= 3; sequence++) {
      const signed = signReceipt(
        buildStatement('run', [], {
          contract,
          sequence,
          previous,
          at: '2026-11-28T08:00:00.000Z',
          by: 'upcheck@ci',
          upcheckVersion: '0.1.0',
        }),
        [key],
      )
      chain.push(signed.envelope)
      previous = signed.digest
    }
    chains.set(contract, chain)
  }
  const out = join(dir, 'export')

  expect(
    await writeReceiptExport(out, chains, [{ keyid: key.keyid, publicKey: key.publicKey }]),
  ).toEqual({ receipts: 6, keys: 1 })
  expect(await readdir(join(out, 'keys'))).toEqual([`${key.keyid}.pem`])
  const verdicts = await verifyReceiptExport(out)
  expect(verdicts.map((v) => [v.contract, v.verified, v.firstBad])).toEqual([
    ['posts-api', 3, undefined],
    ['users-api', 3, undefined],
  ])

  const lines = (await readFile(join(out, 'receipts.jsonl'), 'utf8')).trim().split('\n')
  lines.splice(4, 1)
  await writeFile(join(out, 'receipts.jsonl'), `${lines.join('\n')}\n`)
  const after = await verifyReceiptExport(out)
  expect(after[1]).toMatchObject({
    contract: 'users-api',
    verified: 1,
    firstBad: { index: 1, sequence: 3, problem: 'missing-receipt' },
  })
})
