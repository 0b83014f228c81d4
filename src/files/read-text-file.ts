import { constants, type Stats } from 'node:fs'
import { open, stat, type FileHandle } from 'node:fs/promises'
import { UpcheckError, type UpcheckErrorCode } from '../model/index.js'

export interface ReadTextFileOptions {
  /** The error code a failure becomes. */
  code: UpcheckErrorCode
  /** The file's name in messages, as the user knows it. Default: the path as given. */
  shownAs?: string
  /**
   * What to do when the file does not exist. Default "Check the path". Other failures (a
   * folder, no permission) say what to do themselves.
   */
  whenMissing?: string
  /** The largest file read, in bytes; a larger one is refused before it is read. Default: no cap. */
  maxBytes?: number
  /** What to do about a file over `maxBytes`. Default: "Make it smaller". */
  whenTooLarge?: string
}

/**
 * Reads a UTF-8 file, turning a failure into an {@link UpcheckError} that names the file, says
 * why in words rather than an errno, and what to do. Only a regular file is read: a FIFO, a
 * device or a socket is refused before it is opened, since reading one can block forever
 * (a FIFO without a writer) or never end (`/dev/zero`).
 *
 * @example
 * await readTextFile('contracts/missing.yaml', { code: 'CONTRACT_UNREADABLE' })
 * // throws "contracts/missing.yaml: the file does not exist. Check the path."
 */
export async function readTextFile(file: string, options: ReadTextFileOptions): Promise<string> {
  return (await readRegularFile(file, options)).toString('utf8')
}

/**
 * {@link readTextFile}'s bytes: the same checks and errors, for a file read whole as it is
 * (hashed for a receipt, say) rather than as text.
 */
export async function readFileBytes(file: string, options: ReadTextFileOptions): Promise<Buffer> {
  return readRegularFile(file, options)
}

async function readRegularFile(file: string, options: ReadTextFileOptions): Promise<Buffer> {
  const shownAs = options.shownAs ?? file
  const fail = (reason: string, cause?: unknown) =>
    new UpcheckError(options.code, `${shownAs}: ${reason}.`, {
      cause,
      location: { file: shownAs },
    })
  let handle: FileHandle | undefined
  try {
    refuseUnlessReadable(await stat(file), options, fail)
    // @note Non-blocking, and checked again on the open file: a FIFO swapped in after the stat
    // must not block the open, and must still be refused.
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
    refuseUnlessReadable(await handle.stat(), options, fail)
    return await handle.readFile()
  } catch (error) {
    if (error instanceof UpcheckError) throw error
    throw fail(describeReadFailure(error, options.whenMissing ?? 'Check the path'), error)
  } finally {
    await handle?.close()
  }
}

function refuseUnlessReadable(
  info: Stats,
  options: ReadTextFileOptions,
  fail: (reason: string) => UpcheckError,
): void {
  if (info.isDirectory()) throw fail('it is a folder, not a file. Name a file')
  if (!info.isFile())
    throw fail(
      `it is ${describeKind(info)}, not a regular file, and reading it could wait forever. Name a regular file`,
    )
  if (options.maxBytes !== undefined && info.size > options.maxBytes)
    throw fail(
      `it is larger than ${options.maxBytes} bytes (${info.size} bytes), the cap for this kind of file. ${options.whenTooLarge ?? 'Make it smaller'}`,
    )
}

function describeKind(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)'
  if (info.isSocket()) return 'a socket'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device'
  return 'a special file'
}

function describeReadFailure(error: unknown, whenMissing: string): string {
  const errno = (error as NodeJS.ErrnoException).code
  switch (errno) {
    case 'ENOENT':
      return `the file does not exist. ${whenMissing}`
    case 'EISDIR':
      return 'it is a folder, not a file. Name a file'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied. Make the file readable'
    default:
      return `it cannot be read (${errno ?? String(error)}). Check the file`
  }
}
