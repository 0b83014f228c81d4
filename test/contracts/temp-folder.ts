import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach } from 'vitest'

const created: string[] = []

afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

/** A fresh folder holding `files` (relative path → content), removed after the test. */
export async function createTempFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'upcheck-contracts-'))
  created.push(dir)
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true })
    await writeFile(join(dir, name), content)
  }
  return dir
}

/** A contract that passes validation, for tests to break one field of. */
export const GOOD_CONTRACT = `name: posts-api
owner: Ann Lee <ann@example.com>
upstream:
  baseUrl: http://127.0.0.1:4017
`
