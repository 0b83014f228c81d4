import { UpcheckError } from '../../model/upcheck-error.js'
import { isUrl } from './ref-policy.js'
import type { SpecReader } from './spec-reader.js'

const MAX_REDIRECTS = 5

export interface ReadTextOptions {
  maxBytes: number
  signal: AbortSignal
  /** Called on every URL before it is requested (redirects included); throws to refuse it. */
  check?: (url: string) => void
}

/**
 * Reads a document's text from a file or URL, following redirects one hop at a time so each
 * hop can be checked. Returns the final URL (or the path), against which relative refs resolve.
 */
export async function readText(
  reader: SpecReader,
  source: string,
  options: ReadTextOptions,
): Promise<{ text: string; location: string }> {
  if (!isUrl(source)) {
    const path = source.startsWith('file:') ? decodeURIComponent(new URL(source).pathname) : source
    try {
      return { text: await reader.readFile(path, options.maxBytes), location: path }
    } catch (error) {
      if (error instanceof UpcheckError) throw error
      throw new UpcheckError(
        'SPEC_UNREADABLE',
        `Failed to read ${path}: ${(error as Error).message}. Check the path.`,
        {
          cause: error,
          location: { file: path },
        },
      )
    }
  }
  let url = source
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    options.check?.(url)
    let response: { status: number; location?: string; text: string }
    try {
      response = await reader.fetchText(url, { maxBytes: options.maxBytes, signal: options.signal })
    } catch (error) {
      if (error instanceof UpcheckError) throw error
      const timedOut = options.signal.aborted
      throw new UpcheckError(
        'SPEC_UNREADABLE',
        timedOut
          ? `Failed to fetch ${url}: timed out. Check that the server answers, or raise the timeout.`
          : `Failed to fetch ${url}: ${(error as Error).message}. Check the URL and that the server is up.`,
        { cause: error, location: { file: url } },
      )
    }
    if (response.status >= 300 && response.status < 400 && response.location) {
      url = new URL(response.location, url).href
      continue
    }
    if (response.status < 200 || response.status >= 300) {
      throw new UpcheckError(
        'SPEC_UNREADABLE',
        `Failed to fetch ${url}: HTTP ${response.status}. Check the URL.`,
        { location: { file: url } },
      )
    }
    return { text: response.text, location: url }
  }
  throw new UpcheckError(
    'SPEC_UNREADABLE',
    `Failed to fetch ${source}: more than ${MAX_REDIRECTS} redirects.`,
    { location: { file: source } },
  )
}
