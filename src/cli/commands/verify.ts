import { deliverPendingAlerts } from '../../alerts/index.js'
import { UpcheckError } from '../../model/index.js'
import { buildLatestReport, writeReports } from '../../reports/index.js'
import { openStore } from '../../store/index.js'
import { verifyContracts } from '../../verify/index.js'
import type { CliIo } from '../cli-io.js'
import { createConsoleReporter } from '../console-reporter.js'
import { decideVerifyExitCode } from '../exit-code.js'
import type { GlobalOptions } from '../global-options.js'
import { loadWorkspace, unknownContractError } from '../load-workspace.js'
import { createStderrLines } from '../stderr-lines.js'
import { createAlertWiring, createVerifyDeps } from '../wiring.js'

export interface VerifyOptions extends GlobalOptions {
  /** Record alert transitions and deliver pending alerts. Default true; `--no-alerts` turns it off. */
  alerts?: boolean
}

/** `upcheck verify [names…]`: one run of each contract, reports written, alerts sent, exit code decided. */
export async function runVerifyCommand(
  names: readonly string[],
  options: VerifyOptions,
  io: CliIo,
): Promise<number> {
  const workspace = await loadWorkspace(options, io.cwd())
  const reporter = createConsoleReporter({
    io,
    quiet: options.quiet === true,
    json: options.json === true,
    now: () => Date.now(),
  })
  const lines = createStderrLines(io)
  const errors: UpcheckError[] = [...workspace.errors]
  for (const error of workspace.errors) reporter.onContractError?.(undefined, error)

  const known = new Set(workspace.contracts.map((c) => c.name))
  for (const name of names.filter((n) => !known.has(n))) {
    const error = unknownContractError(workspace, name, io.cwd())
    errors.push(error)
    reporter.onContractError?.(undefined, error)
  }
  const selected =
    names.length === 0
      ? workspace.contracts
      : workspace.contracts.filter((c) => names.includes(c.name))

  const store = await openStore(workspace.config, io.env)
  // Same transitions and e-mails as the daemon, so a cron or CI job needs nothing else.
  const alerting =
    options.alerts === false
      ? undefined
      : createAlertWiring({ store, config: workspace.config, env: io.env })
  try {
    const deps = createVerifyDeps({
      store,
      env: io.env,
      reporter,
      ...(alerting && { alerts: alerting.plan }),
    })
    const outcome = await verifyContracts(selected, deps)
    errors.push(...outcome.errors)
    reporter.flush()
    const report = buildLatestReport(
      outcome.entries,
      errors.map((e) => ({
        ...(e.location?.file ? { file: e.location.file } : {}),
        code: e.code,
        message: e.message,
      })),
      new Date(),
    )
    // The runs are stored already: a folder that cannot take the reports must not keep their alerts from going out.
    const reportsFailure = await writeReports(workspace.reportsDir, report, outcome.entries).then(
      () => undefined,
      (error: unknown) => {
        if (!(error instanceof UpcheckError)) throw error
        errors.push(error)
        return error
      },
    )
    if (reportsFailure)
      io.stderr.write(`upcheck: ${reportsFailure.message} [${reportsFailure.code}]\n`)
    if (options.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
    if (alerting) {
      if (alerting.problem)
        lines.warning(
          `alert e-mail is not sent: ${alerting.problem.message} [${alerting.problem.code}]`,
        )
      // A one-shot run tries every pending alert, whatever its backoff: the next run may be hours away.
      const delivery = await deliverPendingAlerts(alerting.deliver, { dueOnly: false })
      const raised = outcome.alerts.length
      const unrouted = outcome.alerts.filter((a) => a.deliveries.length === 0).length
      if (!options.quiet && (raised > 0 || delivery.delivered > 0)) {
        io.stderr.write(
          `alerts: ${raised} raised, ${delivery.delivered} sent${delivery.pending > 0 ? `, ${delivery.pending} waiting in the outbox` : ''}\n`,
        )
      }
      if (!options.quiet && unrouted > 0) {
        io.stderr.write(
          `alerts: ${unrouted} with nowhere to go: set SMTP_URL and ALERT_FROM (or smtp: in upcheck.config.yaml) for e-mail, or alerts.webhook in the contract\n`,
        )
      }
      for (const message of delivery.errors) lines.errorText(message)
    }
    // Alert delivery never changes the exit code: it reports on the contracts, not on SMTP.
    return decideVerifyExitCode(
      outcome.entries.map((e) => e.run.status),
      errors.length,
    )
  } finally {
    alerting?.close()
    await store.close()
  }
}
