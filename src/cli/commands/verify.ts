import { UpcheckError } from '../../model/index.js'
import { appendStepSummary, formatWorkflowCommands, isGithubActions } from '../../reports/index.js'
import type { CliIo } from '../cli-io.js'
import { createConsoleReporter } from '../console-reporter.js'
import { decideVerifyExitCode } from '../exit-code.js'
import { createStderrLines } from '../stderr-lines.js'
import { verifyWorkspace, type VerifyWorkspaceOptions } from '../verify-workspace.js'

export type VerifyOptions = VerifyWorkspaceOptions

/** `upcheck verify [names…]`: one run of each contract, reports written, alerts sent, exit code decided. */
export async function runVerifyCommand(
  names: readonly string[],
  options: VerifyOptions,
  io: CliIo,
): Promise<number> {
  const reporter = createConsoleReporter({
    io,
    quiet: options.quiet === true,
    json: options.json === true,
    now: () => Date.now(),
  })
  const lines = createStderrLines(io)
  let result
  try {
    result = await verifyWorkspace(names, options, {
      env: io.env,
      cwd: io.cwd(),
      reporter,
      // Reports first, then the console: a reader that stops early still finds them whole.
      onReportsWritten: async (report, files) => {
        if (isGithubActions(io.env)) {
          const summaryFile = io.env.GITHUB_STEP_SUMMARY
          if (summaryFile)
            await appendStepSummary(summaryFile, report).catch((error: unknown) => {
              if (!(error instanceof UpcheckError)) throw error
              lines.error(error)
            })
          // With --json, stdout is the JSON alone; the runner reads commands on stderr too.
          ;(options.json ? io.stderr : io.stdout).write(formatWorkflowCommands(report, files))
        }
        reporter.flush()
        if (options.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
      },
    })
  } finally {
    reporter.flush()
  }
  const { outcome, errors, alertProblem, delivery, reportsProblem } = result
  if (reportsProblem) lines.error(reportsProblem)
  if (alertProblem)
    lines.warning(`alert e-mail is not sent: ${alertProblem.message} [${alertProblem.code}]`)
  if (delivery) {
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
}
