import { readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { generateSigningKey, publicKeyPem } from '../../src/receipts/receipt-key.js'
import { editStatement, useVerifiedProject } from '../support/verified-project.js'

const ws = useVerifiedProject(3)

const storeFile = () => join(ws.dir, '.upcheck/state.db')

describe('upcheck receipts', () => {
  it('lists three signed run receipts newest first after the first sighting, and --verify exits 0', async () => {
    const listed = await ws.run(['receipts', 'posts-api', '--json'])
    expect(listed.code).toBe(0)
    const { receipts } = JSON.parse(listed.stdout)
    expect(receipts.map((r: { sequence: number }) => r.sequence)).toEqual([4, 3, 2, 1])
    expect(receipts[0]).toMatchObject({ kind: 'run', status: 'verified' })
    expect(receipts[3]).toMatchObject({ kind: 'contract-added' })
    expect(receipts[0].by).toMatch(/^upcheck@/)
    const verified = await ws.run(['receipts', 'posts-api', '--verify'])
    expect(verified.stderr).toBe('')
    expect(verified.code).toBe(0)
    expect(verified.stdout).toMatch(/posts-api: 4 receipts verified/)
    // The private key never leaves its 0600 file; only the public half is in .upcheck/keys.
    expect((await stat(join(ws.dir, '.upcheck/signing-key.pem'))).mode & 0o777).toBe(0o600)
    expect(listed.stdout + verified.stdout).not.toContain('PRIVATE KEY')
  })

  it('names the receipt whose stored envelope was edited', async () => {
    const db = new Database(storeFile())
    const column = 'envelope'
    const row = db
      .prepare(`SELECT rowid, ${column} AS envelope FROM receipts ORDER BY rowid LIMIT 1 OFFSET 1`)
      .get() as { rowid: number; envelope: string }
    const envelope = editStatement(JSON.parse(row.envelope), (statement) => {
      statement.predicate.status = 'broken'
    })
    db.prepare(`UPDATE receipts SET ${column} = ? WHERE rowid = ?`).run(
      JSON.stringify(envelope),
      row.rowid,
    )
    db.close()
    const result = await ws.run(['receipts', 'posts-api', '--verify'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/posts-api: receipt 2 \(\w+\) bad-signature/)
  })

  it('names the receipt after a deleted one', async () => {
    const db = new Database(storeFile())
    db.prepare(
      `DELETE FROM receipts WHERE rowid = (SELECT rowid FROM receipts ORDER BY rowid LIMIT 1 OFFSET 1)`,
    ).run()
    db.close()
    const result = await ws.run(['receipts', 'posts-api', '--verify'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /posts-api: receipt 3 \(\w+\) missing-receipt: receipt 2 before it is missing/,
    )
  })
})

describe('upcheck receipts export / verify DIR', () => {
  async function exported() {
    const result = await ws.run(['receipts', 'export', '--out', 'audit'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/4 receipts of 1 contracts and 1 keys written to audit/)
    return join(ws.dir, 'audit')
  }
  /** `receipts verify audit` fails (exit 1) and names the receipt `named` matches. */
  async function expectVerifyToName(named: RegExp) {
    const result = await ws.run(['receipts', 'verify', 'audit'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(named)
  }
  const lines = async (dir: string) =>
    (await readFile(join(dir, 'receipts.jsonl'), 'utf8')).trim().split('\n')

  it('verifies an untouched export offline', async () => {
    const dir = await exported()
    expect(await lines(dir)).toHaveLength(4)
    const result = await ws.run(['receipts', 'verify', 'audit'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
  })

  it('names an edited line', async () => {
    const dir = await exported()
    const all = await lines(dir)
    all[2] = JSON.stringify(
      editStatement(JSON.parse(all[2]!), (statement) => {
        statement.predicate.at = '2020-01-01T00:00:00.000Z'
      }),
    )
    await writeFile(join(dir, 'receipts.jsonl'), `${all.join('\n')}\n`)
    await expectVerifyToName(/posts-api: receipt 3 \(\w+\) bad-signature/)
  })

  it('names the receipt after a dropped line', async () => {
    const dir = await exported()
    const all = await lines(dir)
    all.splice(0, 1)
    await writeFile(join(dir, 'receipts.jsonl'), `${all.join('\n')}\n`)
    await expectVerifyToName(/posts-api: receipt 2 \(\w+\) missing-receipt/)
  })

  it('names the first receipt when the key was swapped for another', async () => {
    const dir = await exported()
    const [name] = await readdir(join(dir, 'keys'))
    await writeFile(join(dir, 'keys', name!), publicKeyPem(generateSigningKey().publicKey))
    await expectVerifyToName(/posts-api: receipt 1 \(\w+\) unknown-key/)
  })
})
