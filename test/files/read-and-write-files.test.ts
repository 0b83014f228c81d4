import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readTextFile, writeFileAtomically } from '../../src/files/index.js'
import { UpcheckError } from '../../src/model/index.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upcheck-files-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function readFailure(
  file: string,
  options: Parameters<typeof readTextFile>[1],
): Promise<UpcheckError> {
  const error = await readTextFile(file, options).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UpcheckError)
  return error as UpcheckError
}

describe('readTextFile', () => {
  it('reads a UTF-8 file', async () => {
    await writeFile(join(dir, 'a.txt'), 'héllo')
    expect(await readTextFile(join(dir, 'a.txt'), { code: 'CONTRACT_UNREADABLE' })).toBe('héllo')
  })

  it("says a missing file does not exist, with the caller's advice, under the name the user knows", async () => {
    const error = await readFailure(join(dir, 'missing.json'), {
      code: 'PACT_UNREADABLE',
      shownAs: 'contracts/missing.json',
      whenMissing: 'Record interactions first',
    })
    expect(error.code).toBe('PACT_UNREADABLE')
    expect(error.message).toBe(
      'contracts/missing.json: the file does not exist. Record interactions first.',
    )
    expect(error.location).toEqual({ file: 'contracts/missing.json' })
  })

  it('refuses a FIFO without waiting for a writer, and a device without reading it', async () => {
    const fifo = join(dir, 'pipe.json')
    execFileSync('mkfifo', [fifo])
    const error = await readFailure(fifo, { code: 'PACT_UNREADABLE', shownAs: 'pipe.json' })
    expect(error.message).toBe(
      'pipe.json: it is a named pipe (FIFO), not a regular file, and reading it could wait forever. Name a regular file.',
    )
    const device = await readFailure('/dev/zero', { code: 'SPEC_UNREADABLE' })
    expect(device.message).toMatch(/^\/dev\/zero: it is a device, not a regular file/)
  })

  it('refuses a file over maxBytes before reading it, saying what to do', async () => {
    await writeFile(join(dir, 'big.yaml'), 'x'.repeat(11))
    const error = await readFailure(join(dir, 'big.yaml'), {
      code: 'CONTRACT_UNREADABLE',
      shownAs: 'big.yaml',
      maxBytes: 10,
      whenTooLarge: 'Trim it',
    })
    expect(error.message).toBe(
      'big.yaml: it is larger than 10 bytes (11 bytes), the cap for this kind of file. Trim it.',
    )
    expect(
      await readTextFile(join(dir, 'big.yaml'), { code: 'CONTRACT_UNREADABLE', maxBytes: 11 }),
    ).toBe('x'.repeat(11))
  })

  it('says a folder is not a file', async () => {
    const error = await readFailure(dir, { code: 'IMPORT_INVALID', shownAs: 'here' })
    expect(error.message).toBe('here: it is a folder, not a file. Name a file.')
  })
})

describe('writeFileAtomically', () => {
  it('replaces the content whole and leaves no temporary file behind', async () => {
    const file = join(dir, 'out.json')
    await writeFile(file, 'old')
    await writeFileAtomically(file, 'new')
    expect(await readFile(file, 'utf8')).toBe('new')
    expect(await readdir(dir)).toEqual(['out.json'])
  })

  it('leaves the old file and no temporary one when the write fails', async () => {
    // Renaming a file over a folder fails after the temporary file was written beside it.
    await mkdir(join(dir, 'taken'))
    await expect(writeFileAtomically(join(dir, 'taken'), 'x')).rejects.toThrow()
    expect(await readdir(dir)).toEqual(['taken'])
  })
})
