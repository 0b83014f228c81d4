import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'

/**
 * A temporary folder `upcheck-<name>-…`, made before the suite (or before each test, with
 * `scope: 'test'`) and removed after it. The object is returned at once; `path` is set when
 * the folder exists.
 */
export function useTempDir(name: string, options: { scope?: 'suite' | 'test' } = {}) {
  const dir = {
    path: '',
    /** Writes `content` to `name` in the folder and returns the file's path. */
    async write(name: string, content: string): Promise<string> {
      const file = join(dir.path, name)
      await writeFile(file, content)
      return file
    },
  }
  const make = async () => {
    dir.path = await mkdtemp(join(tmpdir(), `upcheck-${name}-`))
  }
  // @note Guards against a failed make: never remove '' (the working directory).
  const remove = async () => {
    if (dir.path) await rm(dir.path, { recursive: true, force: true })
  }
  if (options.scope === 'test') {
    beforeEach(make)
    afterEach(remove)
  } else {
    beforeAll(make)
    afterAll(remove)
  }
  return dir
}
