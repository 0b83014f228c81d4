/**
 * upcheck's programmatic API: the same work as the CLI, for a test runner or a script.
 *
 * ```ts
 * import { verify } from 'upcheck'
 * const report = await verify({ cwd: 'path/to/project' })
 * if (report.contracts.some((c) => c.status !== 'verified')) process.exitCode = 1
 * ```
 */
import { loadConfig, loadContracts as loadContractFiles } from './contracts/index.js'
import type { LoadedContracts } from './contracts/index.js'
import { runDiffCommand, type DiffResult } from './diff/index.js'
import type { LatestReport } from './reports/index.js'
import { verifyWorkspace } from './cli/verify-workspace.js'
import type { VerifyReporter } from './verify/index.js'

export { UpcheckError } from './model/index.js'
export type { UpcheckErrorCode, Contract, Run, ContractStatus, ProbeResult } from './model/index.js'
export type { LatestReport, ContractReport } from './reports/index.js'
export type { DiffResult, SpecChange, ChangeSeverity, DiffSummary } from './diff/index.js'
export type { LoadedContracts } from './contracts/index.js'
export type { VerifyReporter } from './verify/index.js'

export interface VerifyApiOptions {
  /** The project folder: where `upcheck.config.yaml`, `contracts/` and `reports/` are. Default `process.cwd()`. */
  cwd?: string
  /** Contract names to verify; all by default. */
  contracts?: readonly string[]
  /** Folder of contracts, relative to `cwd`. Default from the config, else `contracts`. */
  contractsDir?: string
  /** Folder the reports are written to, relative to `cwd`. Default from the config, else `reports`. */
  reportsDir?: string
  /** A config file; without it `upcheck.config.yaml` in `cwd` is read when present. */
  config?: string
  /** Record alert transitions and send alerts, as `upcheck verify` does. Default false. */
  alerts?: boolean
  /** The variables `${VAR}` in contracts read. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>
  /** Progress hooks. */
  reporter?: VerifyReporter
}

/**
 * One run of each contract, as `upcheck verify`: records the runs, writes the reports and
 * resolves to the object written to `reports/latest.json`. Contracts that cannot load are
 * listed in its `errors`; it rejects only when the project itself cannot be read.
 */
export async function verify(options: VerifyApiOptions = {}): Promise<LatestReport> {
  const { report } = await verifyWorkspace(
    options.contracts ?? [],
    {
      ...(options.contractsDir !== undefined && { contracts: options.contractsDir }),
      ...(options.reportsDir !== undefined && { reports: options.reportsDir }),
      ...(options.config !== undefined && { config: options.config }),
      alerts: options.alerts === true,
    },
    {
      env: options.env ?? process.env,
      cwd: options.cwd ?? process.cwd(),
      ...(options.reporter && { reporter: options.reporter }),
    },
  )
  return report
}

export interface DiffApiOptions {
  /** A Pact file: marks the changes that touch what its interactions use. */
  interactions?: string
  /** Refuse documents that parse but fail validation, as `upcheck diff --strict`. Default false: they are diffed. */
  strict?: boolean
  /** Today, for `x-sunset` dates. Default now. */
  now?: Date
}

/**
 * Diffs two OpenAPI documents (2.0, 3.0 or 3.1; path or URL), as `upcheck diff`. Rejects
 * with an `UpcheckError` when a document cannot be read or parsed.
 */
export async function diff(
  base: string,
  revision: string,
  options: DiffApiOptions = {},
): Promise<DiffResult> {
  const now = options.now ?? new Date()
  const outcome = await runDiffCommand(
    {
      base,
      revision,
      format: 'json',
      failOn: 'never',
      ...(options.interactions !== undefined && { interactions: options.interactions }),
      ...(options.strict !== undefined && { strict: options.strict }),
    },
    { now: () => now },
  )
  if (outcome.error) throw outcome.error
  return outcome.result!
}

/**
 * Reads every contract in a folder (with the config of `cwd`, default `process.cwd()`). An
 * invalid contract does not stop the others: it is one of the `errors`.
 */
export async function loadContracts(
  dir: string,
  options: { cwd?: string; config?: string } = {},
): Promise<LoadedContracts> {
  const cwd = options.cwd ?? process.cwd()
  const config = await loadConfig({ cwd, ...(options.config && { file: options.config }) })
  return loadContractFiles(dir, { cwd, config })
}
