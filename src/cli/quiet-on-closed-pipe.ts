/** A writable stream as the CLI uses it: `process.stdout` or `process.stderr`. */
interface ProcessStream {
  write(text: string): unknown
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown
  isTTY?: boolean
}

/**
 * Wraps stdout so that a reader closing early (`upcheck verify | head -1`) ends output quietly:
 * the EPIPE is swallowed and later writes are dropped, so the run keeps its own exit code and
 * its reports, which are written before console output. Any other stream error still throws.
 */
export function quietOnClosedPipe(stream: ProcessStream): {
  write(text: string): unknown
  isTTY?: boolean
} {
  let closed = false
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && !closed) throw error
    closed = true
  })
  return {
    write: (text: string) => (closed ? false : stream.write(text)),
    ...(stream.isTTY !== undefined && { isTTY: stream.isTTY }),
  }
}
