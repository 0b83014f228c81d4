import { readFile } from 'node:fs/promises'
import { isAbsolute, relative, sep } from 'node:path'
import { UpcheckError, type UpcheckErrorCode } from '../model/index.js'

/** Names a file for messages: relative to `cwd` when inside it, so messages stay short. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file
  return rel.split(sep).join('/')
}

/** Reads a UTF-8 file, translating a failure into `code` with a message that says what to do. */
export async function readTextFile(
  file: string,
  displayFile: string,
  code: UpcheckErrorCode,
): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code
    const reason =
      errno === 'ENOENT'
        ? 'the file does not exist. Check the path'
        : errno === 'EISDIR'
          ? 'it is a folder, not a file. Name a file'
          : errno === 'EACCES' || errno === 'EPERM'
            ? 'permission denied. Make the file readable'
            : `it cannot be read (${errno ?? 'unknown error'}). Check the file`
    throw new UpcheckError(code, `${displayFile}: ${reason}.`, {
      cause: error,
      location: { file: displayFile },
    })
  }
}
