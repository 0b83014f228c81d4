import { UpcheckError } from '../../model/index.js'
import { buildLatestReport, writeReports } from '../../reports/index.js'
import { createSqliteStore } from '../../store/index.js'
import { verifyContracts } from '../../verify/index.js'
import type { CliIo } from '../cli-io.js'
import { createConsoleReporter } from '../console-reporter.js'
import { decideVerifyExitCode } from '../exit-code.js'
import type { GlobalOptions } from '../global-options.js'
import { loadWorkspace } from '../load-workspace.js'
import { createVerifyDeps } from '../wiring.js'

/** `upcheck verify [names…]`: one run of each contract, reports written, exit code decided. */
export async function runVerifyCommand(names: readonly string[], options: GlobalOptions, io: CliIo): Promise<number> {
  const workspace = await loadWorkspace(options, io.cwd())
  const reporter = createConsoleReporter({ io, quiet: options.quiet === true, json: options.json === true, now: () => Date.now() })
  const errors: UpcheckError[] = [...workspace.errors]
  for (const error of workspace.errors) reporter.onContractError?.(undefined, error)

  const known = new Set(workspace.contracts.map((c) => c.name))
  for (const name of names.filter((n) => !known.has(n))) {
    const error = new UpcheckError('USAGE', `No contract named "${name}" in ${workspace.contractsDir}. Known contracts: ${[...known].join(', ') || 'none'}.`)
    errors.push(error)
    reporter.onContractError?.(undefined, error)
  }
  const selected = names.length === 0 ? workspace.contracts : workspace.contracts.filter((c) => names.includes(c.name))

  const store = createSqliteStore(workspace.config.store)
  try {
    const outcome = await verifyContracts(selected, createVerifyDeps({ store, env: io.env, reporter }))
    errors.push(...outcome.errors)
    reporter.flush()
    const report = buildLatestReport(
      outcome.entries,
      errors.map((e) => ({ ...(e.location?.file ? { file: e.location.file } : {}), code: e.code, message: e.message })),
      new Date(),
    )
    await writeReports(workspace.reportsDir, report, outcome.entries)
    if (options.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
    return decideVerifyExitCode(
      outcome.entries.map((e) => e.run.status),
      errors.length,
    )
  } finally {
    store.close()
  }
}
