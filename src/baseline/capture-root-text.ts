import type { SpecReader } from '../diff/index.js'
import { UpcheckError } from '../model/index.js'

/**
 * A reader that keeps the text of the first document it reads: the root, as published, so a
 * baseline is pinned byte for byte rather than as upcheck re-serialised it.
 */
export function captureRootText(reader: SpecReader): SpecReader & { rootText(): string } {
  let root: string | undefined
  return {
    async readFile(path, maxBytes) {
      const text = await reader.readFile(path, maxBytes)
      root ??= text
      return text
    },
    async fetchText(url, options) {
      const response = await reader.fetchText(url, options)
      if (response.status >= 200 && response.status < 300) root ??= response.text
      return response
    },
    rootText() {
      if (root === undefined)
        throw new UpcheckError('INTERNAL', 'Failed to keep the text of the accepted spec.')
      return root
    },
  }
}
