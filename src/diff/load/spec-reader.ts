import { readTextFile } from '../../files/index.js'
import { UpcheckError } from '../../model/upcheck-error.js'

/**
 * The I/O the loader needs. Passed in, so tests use real local servers and temp files
 * without patching globals; `createNodeSpecReader` is the real one.
 */
export interface SpecReader {
  /** Reads a file, refusing one larger than `maxBytes`. */
  readFile(path: string, maxBytes: number): Promise<string>
  /** Fetches a URL without following redirects, refusing a body larger than `maxBytes`. */
  fetchText(
    url: string,
    options: { maxBytes: number; signal: AbortSignal },
  ): Promise<{ status: number; location?: string; text: string }>
}

function tooLarge(where: string, maxBytes: number): UpcheckError {
  return new UpcheckError(
    'SPEC_UNREADABLE',
    `Failed to read ${where}: it is larger than ${maxBytes} bytes. Raise the size limit (maxBytes) if the document is really this big.`,
  )
}

/** Reads files with node:fs and URLs with the global fetch, streaming so the size cap holds. */
export function createNodeSpecReader(fetchImpl: typeof fetch = fetch): SpecReader {
  return {
    readFile: (path, maxBytes) =>
      readTextFile(path, {
        code: 'SPEC_UNREADABLE',
        maxBytes,
        whenTooLarge: 'Raise the size limit (maxBytes) if the document is really this big',
      }),
    async fetchText(url, { maxBytes, signal }) {
      const response = await fetchImpl(url, {
        signal,
        redirect: 'manual',
        headers: { accept: 'application/json, application/yaml, text/yaml, */*' },
      })
      const location = response.headers.get('location') ?? undefined
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel()
        return { status: response.status, location, text: '' }
      }
      const declared = Number(response.headers.get('content-length') ?? NaN)
      if (declared > maxBytes) {
        await response.body?.cancel()
        throw tooLarge(url, maxBytes)
      }
      if (!response.body) return { status: response.status, text: '' }
      const chunks: Uint8Array[] = []
      let size = 0
      const reader = response.body.getReader()
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        size += value.byteLength
        if (size > maxBytes) {
          await reader.cancel()
          throw tooLarge(url, maxBytes)
        }
        chunks.push(value)
      }
      return { status: response.status, text: new TextDecoder().decode(Buffer.concat(chunks)) }
    },
  }
}
