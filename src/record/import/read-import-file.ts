import { readTextFile } from '../../files/index.js'
import { isHttpInteraction, UpcheckError, type HttpInteraction } from '../../model/index.js'
import {
  locateJsonSyntaxError,
  MAX_PACT_FILE_BYTES,
  readPact,
  refuseTooDeepJson,
} from '../../interactions/index.js'
import type { CapturedExchange } from '../captured-exchange.js'
import { readHar } from './read-har.js'

/** One thing to import, with where it is in the file (`$.log.entries[3]`) for messages. */
export type ImportItem =
  | { kind: 'exchange'; where: string; exchange: CapturedExchange }
  | { kind: 'interaction'; where: string; interaction: HttpInteraction }

export interface ImportContents {
  format: 'har' | 'pact'
  items: ImportItem[]
  /** HAR entries without a response, and Pact message interactions: there is nothing to replay. */
  ignored: number
}

/**
 * Reads a HAR 1.2 or Pact V2/V3/V4 file, telling them apart by their content.
 * @param shownAs the file's name as the user gave it, for messages.
 * @throws UpcheckError `IMPORT_INVALID` for a file that is neither, or a malformed HAR entry;
 * the Pact reader's `PACT_INVALID` naming the JSON path for a malformed Pact file.
 */
export async function readImportFile(file: string, shownAs: string): Promise<ImportContents> {
  const text = await readTextFile(file, {
    shownAs,
    code: 'IMPORT_INVALID',
    maxBytes: MAX_PACT_FILE_BYTES,
    whenTooLarge: 'Export fewer requests, or split the file and import each part',
  })
  let doc: unknown
  // A byte-order mark is what some Windows tools put before a HAR.
  const source = text.replace(/^\uFEFF/, '')
  refuseTooDeepJson(
    source,
    shownAs,
    'IMPORT_INVALID',
    'Remove the entry whose body nests this deep.',
  )
  try {
    doc = JSON.parse(source)
  } catch (error) {
    const { line, column } = locateJsonSyntaxError(source)
    throw new UpcheckError(
      'IMPORT_INVALID',
      `${shownAs}:${line}:${column}: the file is not valid JSON. Fix the JSON at that place, or import a .har file or a Pact .json file.`,
      { cause: error, location: { file: shownAs, line, column } },
    )
  }
  if (typeof doc === 'object' && doc !== null && 'log' in doc) {
    const har = readHar(doc, shownAs)
    return {
      format: 'har',
      items: har.exchanges.map(({ index, exchange }) => ({
        kind: 'exchange',
        where: `$.log.entries[${index}]`,
        exchange,
      })),
      ignored: har.unanswered.length,
    }
  }
  if (typeof doc === 'object' && doc !== null && ('interactions' in doc || 'messages' in doc)) {
    const pact = readPact(text, shownAs)
    const items: ImportItem[] = []
    pact.interactions.forEach((interaction, i) => {
      if (isHttpInteraction(interaction))
        items.push({ kind: 'interaction', where: `$.interactions[${i}]`, interaction })
    })
    return { format: 'pact', items, ignored: pact.interactions.length - items.length }
  }
  throw new UpcheckError(
    'IMPORT_INVALID',
    `${shownAs}: this is neither a HAR file (no "log") nor a Pact file (no "interactions"). Import a .har file or a Pact .json file.`,
    { location: { file: shownAs } },
  )
}
