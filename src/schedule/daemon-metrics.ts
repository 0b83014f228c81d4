import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import { FRESHNESS_TASK, type FleetStatus, type Run } from '../model/index.js'
import type { StatusSnapshot } from '../reports/index.js'

export interface DaemonMetrics {
  registry: Registry
  observeRun(run: Run): void
  observeFire(lateMs: number): void
  observeStart(lateMs: number): void
  countSkippedFire(contract: string, reason: 'still-running' | 'missed'): void
}

/**
 * The daemon's Prometheus metrics, in a registry of its own (never prom-client's global
 * one). Per-contract gauges are read from the status snapshot at scrape time, so they
 * follow contracts being added and removed.
 */
export function createDaemonMetrics(options: {
  snapshot(): Promise<StatusSnapshot>
  outboxDepth(): Promise<number>
  /** The workers sharing the store, when this daemon is one of them. */
  fleet?(): Promise<FleetStatus>
}): DaemonMetrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'upcheck_' })
  const runs = new Counter({
    name: 'upcheck_runs_total',
    help: 'Finished runs, by contract and status.',
    labelNames: ['contract', 'status'],
    registers: [registry],
  })
  const probeDuration = new Histogram({
    name: 'upcheck_probe_duration_seconds',
    help: "Time from a probe's first attempt to its verdict, by verdict.",
    labelNames: ['verdict'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  })
  const delayBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30]
  const fireDelay = new Histogram({
    name: 'upcheck_fire_delay_seconds',
    help: 'How long after its cron slot a run was queued.',
    buckets: delayBuckets,
    registers: [registry],
  })
  const startDelay = new Histogram({
    name: 'upcheck_run_start_delay_seconds',
    help: 'How long after its cron slot a run started (queued behind other runs included).',
    buckets: delayBuckets,
    registers: [registry],
  })
  const skipped = new Counter({
    name: 'upcheck_fires_skipped_total',
    help: 'Cron slots that started no run: the previous run was still going, or the slot was missed.',
    labelNames: ['contract', 'reason'],
    registers: [registry],
  })
  new Gauge({
    name: 'upcheck_last_verified_timestamp_seconds',
    help: "Finish time of each contract's latest verified run (absent when never verified).",
    labelNames: ['contract'],
    registers: [registry],
    async collect() {
      const { contracts } = await options.snapshot()
      this.reset()
      for (const row of contracts) {
        if (row.lastVerifiedAt)
          this.set({ contract: row.name }, Date.parse(row.lastVerifiedAt) / 1000)
      }
    },
  })
  new Gauge({
    name: 'upcheck_contract_status',
    help: "1 for each contract's current status (verified, broken, unreachable, never-run).",
    labelNames: ['contract', 'status'],
    registers: [registry],
    async collect() {
      const { contracts } = await options.snapshot()
      this.reset()
      for (const row of contracts)
        this.set({ contract: row.name, status: row.status.replace(' ', '-') }, 1)
    },
  })
  new Gauge({
    name: 'upcheck_contract_stale',
    help: '1 when the contract has no verified run within its freshness window.',
    labelNames: ['contract'],
    registers: [registry],
    async collect() {
      const { contracts } = await options.snapshot()
      this.reset()
      for (const row of contracts) this.set({ contract: row.name }, row.stale ? 1 : 0)
    },
  })
  new Gauge({
    name: 'upcheck_outbox_depth',
    help: 'Alert deliveries waiting in the outbox.',
    registers: [registry],
    async collect() {
      this.set(await options.outboxDepth())
    },
  })

  if (options.fleet) registerFleetMetrics(registry, options.fleet)

  return {
    registry,
    observeRun(run) {
      runs.inc({ contract: run.contract, status: run.status })
      for (const probe of run.probes) {
        if (probe.verdict !== 'skipped')
          probeDuration.observe({ verdict: probe.verdict }, probe.durationMs / 1000)
      }
    },
    observeFire(lateMs) {
      fireDelay.observe(lateMs / 1000)
    },
    observeStart(lateMs) {
      startDelay.observe(lateMs / 1000)
    },
    countSkippedFire(contract, reason) {
      skipped.inc({ contract, reason })
    },
  }
}

/**
 * The fleet as every worker's `/metrics` shows it, read from the store at scrape time: the
 * workers alive, each worker's state, and which worker runs or last ran each contract.
 */
function registerFleetMetrics(registry: Registry, read: () => Promise<FleetStatus>) {
  // One read per scrape, shared by the gauges below (they collect one after another).
  let pending: Promise<FleetStatus> | undefined
  const fleet = () => {
    pending ??= read().finally(() => setImmediate(() => (pending = undefined)))
    return pending
  }
  new Gauge({
    name: 'upcheck_workers_alive',
    help: 'Workers sharing the store whose heartbeat is within the lease.',
    registers: [registry],
    async collect() {
      this.set((await fleet()).workers.filter((w) => w.alive).length)
    },
  })
  new Gauge({
    name: 'upcheck_worker_up',
    help: 'Per registered worker: 1 while alive, 0 once stopped or silent past the lease.',
    labelNames: ['worker'],
    registers: [registry],
    async collect() {
      this.reset()
      for (const worker of (await fleet()).workers)
        this.set({ worker: worker.id }, worker.alive ? 1 : 0)
    },
  })
  new Gauge({
    name: 'upcheck_worker_running_runs',
    help: 'Runs each worker holds a claim for right now.',
    labelNames: ['worker'],
    registers: [registry],
    async collect() {
      this.reset()
      for (const worker of (await fleet()).workers) this.set({ worker: worker.id }, worker.running)
    },
  })
  new Gauge({
    name: 'upcheck_contract_worker',
    help: 'Which worker runs or last ran each contract: 1 on that pair.',
    labelNames: ['contract', 'worker'],
    registers: [registry],
    async collect() {
      this.reset()
      for (const [task, claim] of Object.entries((await fleet()).ranBy))
        if (task !== FRESHNESS_TASK) this.set({ contract: task, worker: claim.worker }, 1)
    },
  })
}
