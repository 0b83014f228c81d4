import { resolve } from 'node:path'
import type { Contract, UpcheckConfig } from '../model/index.js'
import { parseContract } from './parse-contract.js'
import { readTextFile } from '../files/index.js'
import { MAX_CONTRACT_FILE_BYTES } from './defaults.js'
import { displayPath } from './display-path.js'

export interface LoadContractOptions {
  /** Its `defaults` apply under each contract's own values. Default: none. */
  config?: UpcheckConfig
  /** Relative paths resolve, and messages name files, from here. Default: `process.cwd()`. */
  cwd?: string
}

/**
 * Reads and validates one contract file into a deeply frozen {@link Contract}. Throws an
 * `UpcheckError` (`CONTRACT_UNREADABLE` or `CONTRACT_INVALID`) naming file, line and column.
 * The interactions and baseline files are not read here: the layers that use them do.
 */
export async function loadContract(
  file: string,
  options: LoadContractOptions = {},
): Promise<Contract> {
  const cwd = options.cwd ?? process.cwd()
  const absolute = resolve(cwd, file)
  const displayFile = displayPath(absolute, cwd)
  const text = await readTextFile(absolute, {
    shownAs: displayFile,
    code: 'CONTRACT_UNREADABLE',
    maxBytes: MAX_CONTRACT_FILE_BYTES,
    whenTooLarge: 'A contract or config file is a page of YAML: check that this is the right file',
  })
  return parseContract(text, {
    file: absolute,
    displayFile,
    ...(options.config && { config: options.config }),
  })
}
