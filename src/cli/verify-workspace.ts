import { deliverPendingAlerts } from '../alerts/index.js'
import { reconcileContracts, remindPendingHandoffs } from '../handoffs/index.js'
import { displayPath, type Environment } from '../contracts/index.js'
import { UpcheckError } from '../model/index.js'
import {
  buildLatestReport,
  buildReportPage,
  createPageScrubber,
  writeReports,
  type LatestReport,
} from '../reports/index.js'
import { openInstanceSigner } from '../receipts/index.js'
import { openStore, pruneHistory } from '../store/index.js'
import { verifyContracts, type VerifyOutcome, type VerifyReporter } from '../verify/index.js'
import type { GlobalOptions } from './global-options.js'
import { loadWorkspace, unknownContractError } from './load-workspace.js'
import { createAlertWiring, createHandoffDeps, createVerifyDeps } from './wiring.js'

export interface VerifyWorkspaceOptions extends GlobalOptions {
  /** Record alert transitions and deliver pending alerts. Default true. */
  alerts?: boolean
}

export interface VerifyWorkspaceResult {
  /** The object written to `reports/latest.json`. */
  report: LatestReport
  outcome: VerifyOutcome
  /** Contracts that could not load or run, and unknown names. */
  errors: UpcheckError[]
  /** Why the reports could not be written, when they could not (also among `errors`). */
  reportsProblem?: UpcheckError
  /** Why alert e-mail cannot go out, when it cannot. */
  alertProblem?: UpcheckError
  /** Absent with alerts off. */
  delivery?: { delivered: number; pending: number; errors: string[] }
}

/**
 * One verify of a workspace, shared by `upcheck verify` and the programmatic `verify()`:
 * loads the contracts, runs them, writes the reports and delivers pending alerts.
 */
export async function verifyWorkspace(
  names: readonly string[],
  options: VerifyWorkspaceOptions,
  context: {
    env: Environment
    cwd: string
    reporter?: VerifyReporter
    /**
     * Called once the reports are written (or could not be), before alerts go out; `files`
     * names each verified contract's file as the user sees it (relative to `cwd` when inside).
     */
    onReportsWritten?(
      report: LatestReport,
      files: ReadonlyMap<string, string>,
    ): void | Promise<void>
  },
): Promise<VerifyWorkspaceResult> {
  const { reporter, cwd, env } = context
  const workspace = await loadWorkspace(options, cwd)
  const errors: UpcheckError[] = [...workspace.errors]
  for (const error of workspace.errors) reporter?.onContractError?.(undefined, error)

  const known = new Set(workspace.contracts.map((c) => c.name))
  for (const name of names.filter((n) => !known.has(n))) {
    const error = unknownContractError(workspace, name, cwd)
    errors.push(error)
    reporter?.onContractError?.(undefined, error)
  }
  const selected =
    names.length === 0
      ? workspace.contracts
      : workspace.contracts.filter((c) => names.includes(c.name))

  const store = await openStore(workspace.config, env)
  // Same transitions and e-mails as the daemon, so a cron or CI job needs nothing else.
  const alerting =
    options.alerts === false
      ? undefined
      : createAlertWiring({ store, config: workspace.config, env })
  try {
    const signer = await openInstanceSigner(workspace.config.store, cwd)
    const deps = createVerifyDeps({
      store,
      env,
      ...(reporter && { reporter }),
      ...(alerting && { alerts: alerting.plan }),
      signer,
    })
    const handoffs = createHandoffDeps({ store, env, signer, alerts: alerting?.plan })
    // Before the runs: their receipts follow the first sighting, and their alerts reach both
    // owners of a handoff this pass opens.
    await reconcileContracts(workspace.contracts, workspace.contractsDir, handoffs)
    const outcome = await verifyContracts(selected, deps)
    await remindPendingHandoffs(workspace.contracts, handoffs)
    errors.push(...outcome.errors)
    const report = buildLatestReport(
      outcome.entries,
      errors.map((e) => ({
        ...(e.location?.file ? { file: e.location.file } : {}),
        code: e.code,
        message: e.message,
      })),
      new Date(),
    )
    // The runs are stored already: a folder that cannot take the reports must not keep their
    // alerts from going out.
    // The HTML report shows every contract of the workspace, not only those just verified.
    const page = await buildReportPage({
      contracts: workspace.contracts,
      errors,
      store,
      now: Date.parse(report.generatedAt),
      busy: new Set(),
      freshRuns: outcome.entries.map((entry) => entry.run),
    })
    const reportsProblem = await writeReports(workspace.reportsDir, report, outcome.entries, {
      page,
      scrub: createPageScrubber(workspace.contracts, env),
    }).then(
      () => undefined,
      (error: unknown) => {
        if (!(error instanceof UpcheckError)) throw error
        errors.push(error)
        return error
      },
    )
    await context.onReportsWritten?.(
      report,
      new Map(selected.map((c) => [c.name, displayPath(c.file, cwd)])),
    )
    // A one-shot run tries every pending alert, whatever its backoff: the next run may be hours away.
    const delivery = alerting
      ? await deliverPendingAlerts(alerting.deliver, { dueOnly: false })
      : undefined
    // After the alerts went out, so the runs they point at are free to go once delivered.
    await pruneHistory(store, { retentionMs: workspace.config.retentionMs, now: Date.now() })
    return {
      report,
      outcome,
      errors,
      ...(alerting?.problem && { alertProblem: alerting.problem }),
      ...(reportsProblem && { reportsProblem }),
      ...(delivery && { delivery }),
    }
  } finally {
    alerting?.close()
    await store.close()
  }
}
