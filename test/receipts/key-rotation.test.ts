import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { generateSigningKey, publicKeyPem, readSigningKey } from '../../src/receipts/index.js'
import { countersign } from '../../src/receipts/sign-receipt.js'
import { startCliProcess } from '../support/cli-process.js'
import { sendJson, useLocalUpstream } from '../support/local-upstream.js'
import { typedInteraction, useProject } from '../support/project.js'

const project = useProject({ confirm: 0 })
const upstream = useLocalUpstream((_req, res) => sendJson(res, 200, { id: 1, title: 'hello' }))

const cli = (args: string[]) =>
  startCliProcess(args, { cwd: project.dir, env: { UPCHECK_TEST_TOKEN: 'test-token' } }).exited

async function verifyRotateVerify() {
  await project.writeContract('posts-api', {
    baseUrl: upstream.origin,
    interactions: [typedInteraction('get post 1', '/posts/1', { id: 1, title: 'hello' })],
  })
  expect((await project.run(['verify'])).code).toBe(0)
  const rotated = await cli(['keys', 'rotate', '--json'])
  expect(rotated.stderr).toBe('')
  expect(rotated.code).toBe(0)
  expect((await project.run(['verify'])).code).toBe(0)
  return JSON.parse(rotated.stdout) as { oldKeyid: string; newKeyid: string; chains: string[] }
}

const receiptsOf = async () =>
  JSON.parse((await project.run(['receipts', 'posts-api', '--json'])).stdout).receipts as {
    kind: string
    signers: string[]
  }[]

describe('upcheck keys rotate', () => {
  it('records the rotation in each chain, signed by the old key, and the chain still verifies', async () => {
    const rotation = await verifyRotateVerify()
    expect(rotation.chains).toEqual(['posts-api'])
    expect(rotation.newKeyid).not.toBe(rotation.oldKeyid)
    const receipts = (await receiptsOf()).reverse()
    expect(receipts.map((r) => [r.kind, r.signers])).toEqual([
      ['contract-added', [rotation.oldKeyid]],
      ['run', [rotation.oldKeyid]],
      ['key-rotated', [rotation.oldKeyid]],
      ['run', [rotation.newKeyid]],
    ])
    // The new key is the instance's now, 0600; both public keys stay trusted.
    const keyFile = join(project.dir, '.upcheck/signing-key.pem')
    expect(readSigningKey(await readFile(keyFile, 'utf8')).keyid).toBe(rotation.newKeyid)
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600)
    expect((await readdir(join(project.dir, '.upcheck/keys'))).sort()).toEqual(
      [`${rotation.newKeyid}.pem`, `${rotation.oldKeyid}.pem`].sort(),
    )

    const verified = await cli(['receipts', 'posts-api', '--verify'])
    expect(verified.stderr).toBe('')
    expect(verified.code).toBe(0)
    expect((await cli(['receipts', 'export', '--out', 'audit'])).code).toBe(0)
    const offline = await cli(['receipts', 'verify', 'audit'])
    expect(offline.stderr).toBe('')
    expect(offline.code).toBe(0)
    expect(offline.stdout).toMatch(/posts-api: 4 receipts verified/)
  }, 120_000)

  it('refuses a rotation receipt signed by any key other than the one it retires', async () => {
    await verifyRotateVerify()
    // Another key the team trusts countersigns the stored rotation receipt.
    const other = generateSigningKey()
    await mkdir(join(project.dir, 'keys'), { recursive: true })
    await writeFile(join(project.dir, 'keys', 'other.pem'), publicKeyPem(other.publicKey))
    const db = new Database(project.storeFile)
    const row = db
      .prepare(`SELECT rowid, envelope FROM receipts WHERE kind = 'key-rotated'`)
      .get() as { rowid: number; envelope: string }
    const envelope = countersign(JSON.parse(row.envelope), other)
    db.prepare(`UPDATE receipts SET envelope = ? WHERE rowid = ?`).run(
      JSON.stringify(envelope),
      row.rowid,
    )
    db.close()

    const result = await cli(['receipts', 'posts-api', '--verify'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /posts-api: receipt 3 \(\w+\) bad-rotation: a key rotation must be signed by the key it retires/,
    )
  }, 120_000)

  it('has nothing to rotate before the first verify made a key', async () => {
    const result = await cli(['keys', 'rotate'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/No instance key in \.upcheck: one is made by the first verify/)
  })
})
