import { readdir, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { UpcheckError, formatLocation, type Contract } from '../model/index.js'
import { locateField } from './contract-sources.js'
import { CONFIG_FILE_NAME, MAX_CONTRACT_FILE_BYTES } from './defaults.js'
import { readTextFile } from '../files/index.js'
import { loadContract, type LoadContractOptions } from './load-contract.js'
import { displayPath } from './display-path.js'
import { parseSource } from './source-document.js'

export interface LoadedContracts {
  /** The valid contracts, sorted by file name. */
  contracts: Contract[]
  /** One error per file that could not be loaded, in file-name order. */
  errors: UpcheckError[]
}

const CONTRACT_FILE = /\.(?:ya?ml|json)$/i
// Interactions and baselines live beside their contract and share its extensions.
const COMPANION_FILE = /\.(?:pact\.json|openapi\.(?:json|ya?ml))$/i

/** True for a file name the folder loader reads as a contract. */
export function isContractFileName(name: string): boolean {
  return (
    CONTRACT_FILE.test(name) &&
    !COMPANION_FILE.test(name) &&
    !name.startsWith('.') &&
    name !== CONFIG_FILE_NAME
  )
}

/**
 * Loads every contract in `dir` (not its subfolders). A bad contract does not stop the
 * others: it becomes an entry of `errors`, so the good ones can still be verified. When two
 * contracts share a name, the first by file name is kept and the other is an error naming both.
 * A file a contract names as its `interactions` or `baseline` is never a contract, whatever
 * it is called (a baseline kept as `posts.yaml` is an OpenAPI document, not a broken contract).
 */
export async function loadContracts(
  dir: string,
  options: LoadContractOptions = {},
): Promise<LoadedContracts> {
  const cwd = options.cwd ?? process.cwd()
  const folder = resolve(cwd, dir)
  const files = await listContractFiles(folder, displayPath(folder, cwd))
  if (files instanceof UpcheckError) return { contracts: [], errors: [files] }
  const loaded: { file: string; outcome: Contract | UpcheckError }[] = []
  const named = new Set<string>()
  for (const file of files) {
    let outcome: Contract | UpcheckError
    try {
      outcome = await loadContract(file, { ...options, cwd })
    } catch (error) {
      outcome = error instanceof UpcheckError ? error : describeUnexpectedFailure(file, cwd, error)
    }
    const companions =
      outcome instanceof UpcheckError
        ? await readNamedFilesLeniently(file)
        : [outcome.interactionsFile, outcome.baselineFile]
    for (const companion of companions) if (companion && companion !== file) named.add(companion)
    loaded.push({ file, outcome })
  }

  const contracts: Contract[] = []
  const errors: UpcheckError[] = []
  const byName = new Map<string, Contract>()
  for (const { file, outcome: contract } of loaded) {
    if (named.has(file)) continue
    if (contract instanceof UpcheckError) {
      errors.push(contract)
      continue
    }
    const first = byName.get(contract.name)
    if (first) {
      errors.push(createDuplicateError(contract, first))
      continue
    }
    byName.set(contract.name, contract)
    contracts.push(contract)
  }
  return { contracts, errors }
}

/**
 * Whatever goes wrong reading one file is that file's error, never the end of the others: a
 * failure upcheck did not foresee is still reported against the file that caused it.
 */
function describeUnexpectedFailure(file: string, cwd: string, error: unknown): UpcheckError {
  const shown = displayPath(file, cwd)
  return new UpcheckError(
    'CONTRACT_UNREADABLE',
    `${shown}: the contract could not be read (${(error as Error)?.message ?? String(error)}). Check the file; if it looks right, this is a bug in upcheck: please report it with the file.`,
    { cause: error, location: { file: shown } },
  )
}

/**
 * The files a contract that failed to load names, as far as its text says: its baseline must
 * not turn into a second error when the contract itself is the one to fix.
 */
async function readNamedFilesLeniently(file: string): Promise<string[]> {
  try {
    const text = await readTextFile(file, {
      code: 'CONTRACT_UNREADABLE',
      maxBytes: MAX_CONTRACT_FILE_BYTES,
    })
    // The same guarded parse as the contract's own: a file too deep for it must not reach yaml.
    const { data } = parseSource(text, file, 'CONTRACT_UNREADABLE')
    if (typeof data !== 'object' || data === null) return []
    const { interactions, baseline } = data as Record<string, unknown>
    return [interactions, baseline]
      .filter((value): value is string => typeof value === 'string' && value !== '')
      .map((value) => resolve(dirname(file), value))
  } catch {
    return []
  }
}

async function listContractFiles(
  folder: string,
  displayFolder: string,
): Promise<string[] | UpcheckError> {
  let names: string[]
  try {
    names = await readdir(folder)
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    const reason = missing
      ? 'the contracts folder does not exist. Run `upcheck init`, or pass --contracts DIR'
      : 'the contracts folder cannot be read. Check its permissions'
    return new UpcheckError('CONTRACT_UNREADABLE', `${displayFolder}: ${reason}.`, {
      cause: error,
      location: { file: displayFolder },
    })
  }
  const files: string[] = []
  for (const name of names.filter(isContractFileName).sort()) {
    const file = join(folder, name)
    // stat follows symbolic links, so a linked contract counts and a folder named x.yaml does
    // not. A FIFO or device named x.yaml is listed, so that reading refuses it by name.
    const info = await stat(file).catch(() => undefined)
    if (info && !info.isDirectory()) files.push(file)
  }
  return files
}

function createDuplicateError(duplicate: Contract, first: Contract): UpcheckError {
  const here = locateField(duplicate, ['name'])
  const there = locateField(first, ['name'])
  return new UpcheckError(
    'CONTRACT_DUPLICATE',
    `${formatLocation(here)}: name "${duplicate.name}" is already used by ${formatLocation(there)}. Rename one of them: contract names must be unique.`,
    { location: here },
  )
}
