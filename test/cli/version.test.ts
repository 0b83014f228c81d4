import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'

describe('upcheck --version', () => {
  it('prints the package version with --version and -V and exits 0', async () => {
    const pkg = JSON.parse(
      await readFile(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string }
    for (const flag of ['--version', '-V']) {
      let out = ''
      const io = {
        stdout: { write: (s: string) => (out += s) },
        stderr: { write: () => true },
        env: {},
        cwd: () => process.cwd(),
      }
      expect(await main([flag], io)).toBe(0)
      expect(out).toBe(`${pkg.version}\n`)
    }
  })
})
