import { hostname } from 'node:os'
import { deliverPendingAlerts, planFreshnessAlerts } from '../../alerts/index.js'
import { parseDuration } from '../../contracts/index.js'
import { reconcileContracts, remindPendingHandoffs } from '../../handoffs/index.js'
import { UpcheckError } from '../../model/index.js'
import {
  createNodeCronScheduler,
  startDaemon,
  watchFolder,
  type DaemonLog,
} from '../../schedule/index.js'
import { openInstanceSigner } from '../../receipts/index.js'
import { openStore, pruneHistory } from '../../store/index.js'
import { verifyContracts } from '../../verify/index.js'
import type { CliIo } from '../cli-io.js'
import { EXIT } from '../exit-code.js'
import type { GlobalOptions } from '../global-options.js'
import { loadWorkspace } from '../load-workspace.js'
import { waitForStopSignal } from '../stop-signals.js'
import { createAlertWiring, createHandoffDeps, createVerifyDeps } from '../wiring.js'

export interface ScheduleOptions extends GlobalOptions {
  /** Serve the status page, `/status.json`, `/metrics` and `/healthz` on this port. */
  port?: string
  /** Default 127.0.0.1. */
  host?: string
  /** How long running runs may take to finish on SIGTERM/SIGINT. Default `30s`. */
  grace?: string
  /** Runs in flight at once across all contracts. Default 128. */
  maxRuns?: string
  /** This worker's name among the daemons sharing the store. Default `<hostname>-<pid>`. */
  worker?: string
  /** How long a claim holds without a heartbeat. Default `60s`. */
  lease?: string
}

/**
 * `upcheck schedule`: the daemon. Runs until SIGTERM or SIGINT (or `stopSignal`, for
 * tests), then stops gracefully and exits 0.
 */
export async function runScheduleCommand(
  options: ScheduleOptions,
  io: CliIo,
  stopSignal: Promise<unknown> = waitForStopSignal(),
): Promise<number> {
  const graceMs = parseDuration(options.grace ?? '30s')
  if (graceMs === undefined)
    throw new UpcheckError(
      'USAGE',
      `--grace ${options.grace} is not a duration. Write it like 30s, 2m or 1m30s.`,
    )
  const port = options.port === undefined ? undefined : Number(options.port)
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65_535)) {
    throw new UpcheckError(
      'USAGE',
      `--port ${options.port} is not a port number. Give one from 0 to 65535 (0 picks a free one).`,
    )
  }

  const maxRuns = Number(options.maxRuns ?? 128)
  if (!(Number.isInteger(maxRuns) && maxRuns >= 1))
    throw new UpcheckError(
      'USAGE',
      `--max-runs ${options.maxRuns} is not a whole number of runs. Give 1 or more.`,
    )

  const leaseMs = parseDuration(options.lease ?? '60s')
  if (leaseMs === undefined || leaseMs < 1000)
    throw new UpcheckError(
      'USAGE',
      `--lease ${options.lease} is not a duration of a second or more. Write it like 60s or 2m.`,
    )
  const workerId = options.worker ?? `${hostname()}-${process.pid}`

  const workspace = await loadWorkspace(options, io.cwd())
  const log = createDaemonLog(io, options.quiet === true)
  const store = await openStore(workspace.config, io.env, {
    onConnectionRetry(what, error, attempt) {
      // Once per piece of work: the retries that follow are the same outage.
      if (attempt === 1)
        log.warn(
          `the store connection was lost (${(error as Error).message}) while trying to ${what}; retrying`,
        )
    },
  })
  const alerting = createAlertWiring({ store, config: workspace.config, env: io.env })
  if (alerting.problem)
    log.warn(
      `alert e-mail is not sent until this is fixed: ${alerting.problem.message} [${alerting.problem.code}]`,
    )
  else if (!alerting.plan.emailEnabled) {
    // Said once at start: otherwise a break would be noticed only in this log, if at all.
    const deaf = workspace.contracts.filter((c) => c.alerts.webhook === undefined)
    if (deaf.length > 0)
      log.warn(
        `alerts have nowhere to go for ${deaf.map((c) => c.name).join(', ')}: no e-mail is sent without SMTP_URL and ALERT_FROM (or smtp: in upcheck.config.yaml), and ${deaf.length === 1 ? 'it has' : 'they have'} no alerts.webhook. Their alerts are logged here only.`,
      )
  }
  const signer = await openInstanceSigner(workspace.config.store, io.cwd())
  const verifyDeps = createVerifyDeps({ store, env: io.env, alerts: alerting.plan, signer })
  const handoffs = createHandoffDeps({ store, env: io.env, signer, alerts: alerting.plan })

  try {
    const daemon = await startDaemon({
      store,
      env: io.env,
      clock: alerting.plan.clock,
      cron: createNodeCronScheduler({ warn: (message) => log.warn(`node-cron: ${message}`) }),
      loadContracts: () => loadWorkspace(options, io.cwd()),
      watchContracts: (onChange) =>
        watchFolder(workspace.contractsDir, onChange, {
          onError: (error) =>
            log.warn(
              `watching ${workspace.contractsDir} failed: ${error.message}; contract changes need a restart`,
            ),
        }),
      verify: (contract, slot) =>
        verifyContracts([contract], verifyDeps, { slot: slot.toISOString() }),
      planFreshness: (contract, handoff) => planFreshnessAlerts(contract, alerting.plan, handoff),
      reconcileContracts: async (contracts) => {
        const outcome = await reconcileContracts(contracts, workspace.contractsDir, handoffs)
        for (const name of outcome.added) log.info(`${name}: first seen (receipted)`)
        for (const name of outcome.removed) log.info(`${name}: its file is gone (receipted)`)
        for (const h of outcome.handoffs)
          log.info(`${h.contract}: owner changed to ${h.toOwner}; handoff pending`)
      },
      remindHandoffs: async (contracts) =>
        (await remindPendingHandoffs(contracts, handoffs)).length,
      deliverAlerts: (deliverOptions) => deliverPendingAlerts(alerting.deliver, deliverOptions),
      pruneHistory: () =>
        pruneHistory(store, {
          retentionMs: workspace.config.retentionMs,
          now: alerting.plan.clock.now(),
        }),
      log,
      maxParallelRuns: maxRuns,
      worker: {
        identity: {
          id: workerId,
          host: hostname(),
          pid: process.pid,
          startedAt: new Date().toISOString(),
        },
        leaseMs,
      },
      ...(port !== undefined && { server: { port, ...(options.host && { host: options.host }) } }),
    })
    await stopSignal
    log.info('stopping: no new runs will start')
    const { unfinished } = await daemon.stop({ graceMs })
    // Runs cut off by the grace period still hold sockets open; they must not keep the process alive.
    if (unfinished.length > 0) setTimeout(() => process.exit(EXIT.ok), 1000).unref()
    return EXIT.ok
  } finally {
    alerting.close()
    await store.close()
  }
}

function createDaemonLog(io: CliIo, quiet: boolean): DaemonLog {
  const stamp = () => new Date().toISOString()
  return {
    info: (line) => {
      if (!quiet) io.stdout.write(`${stamp()} ${line}\n`)
    },
    warn: (line) => io.stderr.write(`${stamp()} warning: ${line}\n`),
  }
}
