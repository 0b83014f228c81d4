import { basename, relative, resolve } from 'node:path'
import type { Contract, UpcheckConfig } from '../model/index.js'
import { UpcheckError } from '../model/index.js'
import {
  loadConfig,
  loadContract,
  loadContracts,
  resolveStoreLocation,
  suggestClosest,
} from '../contracts/index.js'
import type { GlobalOptions } from './global-options.js'

export interface Workspace {
  config: UpcheckConfig
  contracts: Contract[]
  errors: UpcheckError[]
  contractsDir: string
  reportsDir: string
}

/** Reads the config and every contract, with the global flags taking precedence over the config. */
export async function loadWorkspace(options: GlobalOptions, cwd: string): Promise<Workspace> {
  const loaded = await loadConfig({ cwd, ...(options.config ? { file: options.config } : {}) })
  const config = options.store
    ? { ...loaded, store: resolveStoreLocation(cwd, options.store) }
    : loaded
  const contractsDir = options.contracts ? resolve(cwd, options.contracts) : config.contracts
  const reportsDir = options.reports ? resolve(cwd, options.reports) : config.reports
  const { contracts, errors } = await loadContracts(contractsDir, { config, cwd })
  return { config, contracts, errors, contractsDir, reportsDir }
}

/** The usage error for a contract name the workspace does not have, listing the ones it has. */
export function unknownContractError(
  workspace: Workspace,
  name: string,
  cwd: string,
): UpcheckError {
  const names = workspace.contracts.map((c) => c.name)
  const closest = suggestClosest(name, names)
  return new UpcheckError(
    'USAGE',
    `No contract named "${name}" in ${relative(cwd, workspace.contractsDir) || '.'}.${closest ? ` Did you mean "${closest}"?` : ''} Known contracts: ${names.join(', ') || 'none'}.`,
  )
}

/** A contract named by its `name`, or by the path of its file. */
export async function findContract(
  name: string,
  options: GlobalOptions,
  cwd: string,
): Promise<Contract> {
  if (/[\\/]|\.(ya?ml|json)$/i.test(name)) {
    const config = await loadConfig({ cwd, ...(options.config ? { file: options.config } : {}) })
    return loadContract(name, { cwd, config })
  }
  const workspace = await loadWorkspace(options, cwd)
  const found = workspace.contracts.find((c) => c.name === name)
  if (found) return found
  const broken = workspace.errors.find(
    (e) =>
      e.location?.file !== undefined &&
      basename(e.location.file).replace(/\.(ya?ml|json)$/i, '') === name,
  )
  if (broken) throw broken
  throw unknownContractError(workspace, name, cwd)
}
