import { readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { UpcheckError, formatLocation, type Contract } from '../model/index.js'
import { locateField } from './contract-sources.js'
import { CONFIG_FILE_NAME } from './defaults.js'
import { loadContract, type LoadContractOptions } from './load-contract.js'
import { displayPath } from './read-text-file.js'

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
 */
export async function loadContracts(
  dir: string,
  options: LoadContractOptions = {},
): Promise<LoadedContracts> {
  const cwd = options.cwd ?? process.cwd()
  const folder = resolve(cwd, dir)
  const files = await listContractFiles(folder, displayPath(folder, cwd))
  if (files instanceof UpcheckError) return { contracts: [], errors: [files] }
  const contracts: Contract[] = []
  const errors: UpcheckError[] = []
  const byName = new Map<string, Contract>()
  for (const file of files) {
    let contract: Contract
    try {
      contract = await loadContract(file, { ...options, cwd })
    } catch (error) {
      if (!(error instanceof UpcheckError)) throw error
      errors.push(error)
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
    // stat follows symbolic links, so a linked contract counts and a folder named x.yaml does not.
    if ((await stat(file).catch(() => undefined))?.isFile()) files.push(file)
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
