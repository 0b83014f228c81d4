import { FRESHNESS_TASK, type Clock, type SlotClaim, type WorkerBeat } from '../model/index.js'
import { normalize, sep } from 'node:path'
import type { DeliverOptions, DeliveryReport } from '../alerts/index.js'
import type { Contract, Handoff, UpcheckError } from '../model/index.js'
import type { AlertTransition, OutboxAlert } from '../model/index.js'
import type { Store } from '../store/index.js'
import type { VerifyOutcome } from '../verify/index.js'
import { createContractScheduler, type SchedulerEvent } from './contract-scheduler.js'
import type { CronScheduler } from './cron-scheduler.js'
import { createDaemonMetrics } from './daemon-metrics.js'
import { startOutboxPump } from './outbox-pump.js'
import {
  buildReportPage,
  buildStatusSnapshot,
  createPageScrubber,
  describeCounts,
} from '../reports/index.js'
import type { Environment } from '../contracts/index.js'
import { startStatusServer, type StatusServer } from './status-server.js'
import { startFleetWorker, type FleetWorker } from './start-fleet-worker.js'
import { readFleetStatus } from './read-fleet-status.js'

/** Lines for the daemon's log; each is one event. */
export interface DaemonLog {
  info(line: string): void
  warn(line: string): void
}

export type DaemonEvent =
  | SchedulerEvent
  | { type: 'recorded'; contract: string; status: string; alerts: OutboxAlert[] }
  | { type: 'reloaded'; contracts: string[] }
  | { type: 'freshness-checked'; alerts: OutboxAlert[] }
  | { type: 'delivered'; report: DeliveryReport }
  | { type: 'pruned'; runs: number }
  /** A run's lease ran out (its worker died or stopped mid-run); seen by the worker that swept it. */
  | { type: 'abandoned'; claim: SlotClaim }

export interface DaemonDeps {
  store: Store
  /** What the contracts' `${VAR}`s read: their values are cut out of the status page. Default none. */
  env?: Environment
  clock: Clock
  cron: CronScheduler
  /** Reads every contract (again). */
  loadContracts(): Promise<{ contracts: Contract[]; errors: UpcheckError[] }>
  /** Calls back when contract files change. Absent: contracts are read once. */
  watchContracts?(onChange: () => void): { close(): void }
  /** One run of a contract for the cron slot it fired for, stored with its alert transition. */
  verify(contract: Contract, slot: Date): Promise<VerifyOutcome>
  /** The freshness check's transition of a contract; `handoff` is its pending one, if any. */
  planFreshness(contract: Contract, handoff?: Handoff): AlertTransition
  /**
   * Receipts contracts first seen, removed, or given a new owner (opening a handoff), on start
   * and after each reload. Absent: not done.
   */
  reconcileContracts?(contracts: readonly Contract[]): Promise<void>
  /** Sends due handoff reminders, with each freshness check. @returns how many were queued. */
  remindHandoffs?(contracts: readonly Contract[]): Promise<number>
  deliverAlerts(options: DeliverOptions): Promise<DeliveryReport>
  log: DaemonLog
  /** Serve the status page, `/status.json`, `/metrics` and `/healthz`. */
  server?: { port: number; host?: string }
  /** Outbox passes. Default every 15 s, and after each run that raised an alert. */
  deliverEveryMs?: number
  /** When freshness is checked. Default every minute. */
  freshnessCron?: string
  /** Default 64. */
  maxParallelRuns?: number
  /** Applies the retention; run after a freshness check at most every `pruneEveryMs`. */
  pruneHistory?(): Promise<number>
  /** Default hourly. */
  pruneEveryMs?: number
  onEvent?(event: DaemonEvent): void
  /**
   * This daemon as one worker of a fleet sharing the store: every slot is claimed in the
   * store before it runs (so each runs once across the workers), runs are leased, and the
   * worker is registered with a heartbeat. Absent: slots are not claimed.
   */
  worker?: { identity: Omit<WorkerBeat, 'statusUrl'>; leaseMs: number }
}

export interface Daemon {
  /** The status page's URL, when served. */
  url?: string
  contracts(): readonly Contract[]
  /**
   * Stops scheduling, lets running runs finish within `graceMs`, flushes the outbox and
   * closes the status server. Resolves with the contracts whose runs did not finish.
   */
  stop(options: { graceMs: number }): Promise<{ unfinished: string[]; delivery?: DeliveryReport }>
}

/** Starts `upcheck schedule`: each contract on its cron, alerts, freshness, the status server. */
export async function startDaemon(deps: DaemonDeps): Promise<Daemon> {
  const { log, store } = deps
  const emit = (event: DaemonEvent) => deps.onEvent?.(event)
  let loaded = await deps.loadContracts()
  let stopping = false

  const readFleet =
    deps.worker && (() => readFleetStatus(store, deps.clock.now(), deps.worker!.leaseMs))
  /** What `/status.json` shows; the metrics read it without findings or fleet. */
  const snapshot = async (withFindings = true, withFleet = true) => {
    const [base, fleet] = await Promise.all([
      buildStatusSnapshot({
        contracts: loaded.contracts,
        errors: loaded.errors,
        store,
        now: deps.clock.now(),
        busy: new Set(scheduler.busy()),
        withFindings,
      }),
      withFleet ? readFleet?.() : undefined,
    ])
    return fleet ? { ...base, fleet } : base
  }
  const metrics = createDaemonMetrics({
    snapshot: () => snapshot(false, false),
    outboxDepth: () => store.outboxDepth(),
    ...(readFleet && { fleet: readFleet }),
  })

  const fleet: FleetWorker | undefined =
    deps.worker &&
    (await startFleetWorker({
      store,
      clock: deps.clock,
      ...deps.worker,
      onAbandoned(claim) {
        log.warn(
          `${claim.task}: the ${claim.slot} run on worker ${claim.worker} was abandoned: its lease ran out (the worker died or stalled)`,
        )
        emit({ type: 'abandoned', claim })
      },
      onBeatFailed: (error) =>
        log.warn(`worker heartbeat failed: ${(error as Error).message}; trying again`),
      onFinishFailed: (task, slot, error) =>
        log.warn(
          `${task}: could not mark the ${slot.toISOString()} run ended: ${(error as Error).message}`,
        ),
    }))

  // Every alert sent or failed gets its own line: a daemon's log is where an owner who was
  // not paged looks first. Targets stay out of it: a webhook URL often holds a token.
  const deliverAlerts = (options: DeliverOptions) =>
    deps.deliverAlerts({
      ...options,
      onOutcome(delivery, error) {
        const what = `${delivery.contract}: ${delivery.kind} alert (${delivery.channel})`
        if (error) log.warn(`${what} failed, attempt ${delivery.attempts + 1}: ${error.message}`)
        else log.info(`${what} sent`)
      },
    })
  const pump = startOutboxPump(deliverAlerts, {
    intervalMs: deps.deliverEveryMs ?? 15_000,
    onReport(report) {
      if (report.delivered > 0 || report.failed > 0) {
        log.info(
          `alerts: ${report.delivered} sent, ${report.failed} failed, ${report.pending} waiting`,
        )
        emit({ type: 'delivered', report })
      }
      for (const message of report.errors) log.warn(message)
    },
    onError: (error) => log.warn(`alert delivery failed: ${(error as Error).message}`),
  })

  const scheduler = createContractScheduler({
    cron: deps.cron,
    clock: deps.clock,
    ...(deps.maxParallelRuns !== undefined && { maxParallelRuns: deps.maxParallelRuns }),
    ...(fleet && { claims: fleet }),
    async runContract(contract, slot) {
      const outcome = await deps.verify(contract, slot)
      for (const error of outcome.errors)
        log.warn(`${contract.name}: ${error.message} [${error.code}]`)
      for (const entry of outcome.entries) {
        const { run } = entry
        metrics.observeRun(run)
        log.info(
          `${run.contract} ${run.status} (${describeCounts(run.counts, run.findings)}) in ${Date.parse(run.finishedAt) - Date.parse(run.startedAt)} ms`,
        )
        const alerts = outcome.alerts.filter((a) => a.contract === run.contract)
        for (const alert of alerts) log.info(describeRaised(alert))
        emit({ type: 'recorded', contract: run.contract, status: run.status, alerts })
      }
      if (outcome.alerts.length > 0) pump.kick()
      const runId = outcome.entries[0]?.run.id
      return runId === undefined ? {} : { runId }
    },
    onEvent(event) {
      if (event.type === 'fired') metrics.observeFire(event.lateMs)
      if (event.type === 'started') metrics.observeStart(event.lateMs)
      if (event.type === 'skipped') {
        metrics.countSkippedFire(event.contract, 'still-running')
        log.warn(
          `${event.contract}: its ${event.slot.toISOString()} run was skipped: the previous run is still going${event.elsewhere ? ' on another worker' : ''}`,
        )
      }
      if (event.type === 'missed') {
        metrics.countSkippedFire(event.contract, 'missed')
        log.warn(
          `${event.contract}: the ${event.slot.toISOString()} run was missed (the process was stalled)`,
        )
      }
      if (event.type === 'claim-failed')
        log.warn(
          `${event.contract}: the ${event.slot.toISOString()} slot could not be claimed, so no worker runs it: ${(event.error as Error)?.message ?? String(event.error)}`,
        )
      if (event.type === 'failed')
        log.warn(
          `${event.contract}: the run failed: ${(event.error as Error)?.message ?? String(event.error)}`,
        )
      emit(event)
    },
  })

  const reconcile = async () => {
    try {
      await deps.reconcileContracts?.(loaded.contracts)
    } catch (error) {
      log.warn(`recording contract changes failed: ${(error as Error).message}`)
    }
  }

  const describeLoaded = () => {
    const unscheduled = loaded.contracts.filter((c) => c.schedule === undefined).map((c) => c.name)
    log.info(
      `scheduling ${loaded.contracts.length - unscheduled.length} contract(s)` +
        (unscheduled.length > 0
          ? `; not run by the daemon (no schedule:): ${unscheduled.join(', ')}`
          : ''),
    )
    for (const error of loaded.errors) log.warn(`${error.message} [${error.code}]`)
  }
  describeLoaded()
  await reconcile()
  scheduler.update(loaded.contracts)

  const checkFreshness = async () => {
    const raised: OutboxAlert[] = []
    const handoffs = new Map(
      (await store.listPendingHandoffs().catch(() => [])).map((h) => [h.contract, h]),
    )
    for (const contract of loaded.contracts) {
      try {
        const transition = deps.planFreshness(contract, handoffs.get(contract.name))
        raised.push(...(await store.applyAlertTransition(contract.name, transition)))
      } catch (error) {
        log.warn(`${contract.name}: the freshness check failed: ${(error as Error).message}`)
      }
    }
    for (const alert of raised) log.info(describeRaised(alert))
    let reminders = 0
    try {
      reminders = (await deps.remindHandoffs?.(loaded.contracts)) ?? 0
    } catch (error) {
      log.warn(`handoff reminders failed: ${(error as Error).message}`)
    }
    emit({ type: 'freshness-checked', alerts: raised })
    if (raised.length > 0 || reminders > 0) pump.kick()
    await pruneWhenDue()
  }
  let prunedAt = -Infinity
  const pruneWhenDue = async () => {
    const now = deps.clock.now()
    if (!deps.pruneHistory || now - prunedAt < (deps.pruneEveryMs ?? 3_600_000)) return
    prunedAt = now
    try {
      const pruned = await deps.pruneHistory()
      if (pruned > 0) log.info(`retention: pruned ${pruned} old run(s)`)
      emit({ type: 'pruned', runs: pruned })
    } catch (error) {
      log.warn(`retention: pruning old runs failed: ${(error as Error).message}`)
    }
  }
  // @note Checks run one after another, and stop() waits for the last, so none outlives the store.
  let freshness = checkFreshness()
  // @note With a fleet, one worker checks each slot: the alert transition already raises a
  // stale alert once (it runs in the store's transaction), the claim saves the others the work.
  const freshnessTask = deps.cron.schedule(deps.freshnessCron ?? '* * * * *', 'upcheck-freshness', {
    onFire: (slot) => {
      freshness = freshness
        .then(checkFreshness)
        .then(() => fleet?.finish(FRESHNESS_TASK, slot, { status: 'finished' }))
    },
    ...(fleet && {
      claim: async (slot: Date) => {
        try {
          return (await fleet.claim(FRESHNESS_TASK, slot)) === 'claimed'
        } catch (error) {
          log.warn(`the freshness check could not be claimed: ${(error as Error).message}`)
          return false
        }
      },
    }),
  })
  await freshness

  let reloading: Promise<void> | undefined
  const reload = async () => {
    const next = await deps.loadContracts()
    // A contract whose file is now broken keeps running as it was, rather than silently stopping.
    const broken = next.errors.flatMap((e) =>
      e.location?.file ? [normalize(e.location.file)] : [],
    )
    // Error locations name files as shown to the user (relative to the working directory).
    const isBroken = (file: string) =>
      broken.some((shown) => file === shown || file.endsWith(`${sep}${shown}`))
    const kept = loaded.contracts.filter(
      (c) => isBroken(c.file) && !next.contracts.some((n) => n.name === c.name),
    )
    loaded = { contracts: [...next.contracts, ...kept], errors: next.errors }
    await reconcile()
    scheduler.update(loaded.contracts)
    describeLoaded()
    pump.kick()
    emit({ type: 'reloaded', contracts: loaded.contracts.map((c) => c.name) })
  }
  const watcher = deps.watchContracts?.(() => {
    if (stopping) return
    reloading = (reloading ?? Promise.resolve())
      .then(reload)
      .catch((error: Error) => log.warn(`reloading the contracts failed: ${error.message}`))
  })

  let server: StatusServer | undefined
  if (deps.server) {
    try {
      server = await startStatusServer({
        ...deps.server,
        snapshot,
        page: async () => ({
          page: await buildReportPage({
            contracts: loaded.contracts,
            errors: loaded.errors,
            store,
            now: deps.clock.now(),
            busy: new Set(scheduler.busy()),
          }).then(async (page) => {
            const fleet = await readFleet?.()
            return fleet ? { ...page, fleet } : page
          }),
          scrub: createPageScrubber(loaded.contracts, deps.env ?? {}),
        }),
        metrics: metrics.registry,
        healthy: () => !stopping,
      })
    } catch (error) {
      scheduler.stop()
      freshnessTask.stop()
      watcher?.close()
      await pump.flush()
      await fleet?.stop().catch(() => {})
      throw error
    }
    log.info(`status page on ${server.url} (also /status.json, /metrics, /healthz)`)
    fleet?.setStatusUrl(server.url)
  }

  return {
    ...(server && { url: server.url }),
    contracts: () => loaded.contracts,
    async stop({ graceMs }) {
      stopping = true
      scheduler.stop()
      freshnessTask.stop()
      watcher?.close()
      await reloading
      await freshness
      const busy = scheduler.busy()
      if (busy.length > 0)
        log.info(
          `stopping: waiting up to ${Math.round(graceMs / 1000)} s for ${busy.length} running run(s): ${busy.join(', ')}`,
        )
      await scheduler.waitForIdle(graceMs)
      const unfinished = scheduler.busy()
      if (unfinished.length > 0)
        log.warn(
          `stopping: ${unfinished.length} run(s) did not finish within the grace period and are not recorded: ${unfinished.join(', ')}`,
        )
      const delivery = await pump.flush()
      if (delivery && delivery.pending > 0)
        log.warn(
          `stopping: ${delivery.pending} alert(s) still waiting in the outbox; they are sent on the next start`,
        )
      try {
        await fleet?.stop()
      } catch (error) {
        log.warn(`could not mark this worker stopped: ${(error as Error).message}`)
      }
      await server?.close()
      log.info('stopped')
      return { unfinished, ...(delivery && { delivery }) }
    },
  }
}

/** One alert raised, and where it goes; one with no channel says so rather than claim a send. */
function describeRaised(alert: OutboxAlert): string {
  const channels = alert.deliveries.map((d) => d.channel)
  return channels.length > 0
    ? `${alert.contract}: ${alert.kind} alert raised, to be sent by ${channels.join(' and ')}`
    : `${alert.contract}: ${alert.kind} alert raised, but not sent: it has nowhere to go (no SMTP_URL for e-mail, no alerts.webhook)`
}
