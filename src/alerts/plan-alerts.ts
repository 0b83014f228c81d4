import type { Clock } from '../model/index.js'
import type { Contract, Finding, Handoff, Run } from '../model/index.js'
import { isStale } from '../runs/index.js'
import type { AlertState, AlertTransition, OutboxAlert } from '../model/index.js'
import { DEPRECATION_RULES } from '../runs/index.js'
import { MAX_FINDINGS, type AlertFacts, type SunsetNotice } from './alert-facts.js'
import { formatDuration } from './format-duration.js'
import { decideTransition, type AlertEvent, type Observation } from './decide-transition.js'
import { listRecipients } from './recipients.js'

export interface PlanAlertsDeps {
  clock: Clock
  createAlertId(): string
  /**
   * Whether e-mail can be sent. Without SMTP settings no e-mail is queued: turning SMTP on
   * later must not flood the owner with months of old alerts.
   */
  emailEnabled: boolean
}

/**
 * The alert transition of a finished run, for `store.recordRun(run, transition)`. While a
 * `handoff` is pending its alerts go to the owner handing over too.
 */
export function planRunAlerts(
  contract: Contract,
  run: Run,
  deps: PlanAlertsDeps,
  handoff?: Pick<Handoff, 'fromOwner'>,
): AlertTransition {
  return ({ previous, lastVerifiedAt }) => {
    const observation: Observation = {
      type: 'run',
      status: run.status,
      finishedAt: run.finishedAt,
      lastVerifiedAt,
      stale: isStale(lastVerifiedAt, contract.freshnessMs, deps.clock.now()),
    }
    return buildChange(contract, previous, observation, run, deps, handoff)
  }
}

/** The transition of the periodic freshness check: raises `stale` once a contract goes stale. */
export function planFreshnessAlerts(
  contract: Contract,
  deps: PlanAlertsDeps,
  handoff?: Pick<Handoff, 'fromOwner'>,
): AlertTransition {
  return ({ previous, lastVerifiedAt }) =>
    buildChange(
      contract,
      previous,
      {
        type: 'freshness',
        lastVerifiedAt,
        stale: isStale(lastVerifiedAt, contract.freshnessMs, deps.clock.now()),
      },
      undefined,
      deps,
      handoff,
    )
}

function buildChange(
  contract: Contract,
  previous: AlertState | undefined,
  observation: Observation,
  run: Run | undefined,
  deps: PlanAlertsDeps,
  handoff: Pick<Handoff, 'fromOwner'> | undefined,
) {
  const { state, events } = decideTransition(previous, observation, contract.alerts, contract.name)
  const sunsets = run ? findSunsetsDue(run, state, contract.alerts.sunsetNoticeMs, deps) : []
  if (sunsets.length > 0) {
    state.sunsetsAlerted = [
      ...(state.sunsetsAlerted ?? []),
      ...sunsets.map((s) => sunsetKey(s.operation, s.date)),
    ]
    events.push({ kind: 'sunset' })
  }
  // A freshness check without news writes nothing: it runs every minute for every contract.
  if (
    events.length === 0 &&
    (observation.type === 'freshness' || JSON.stringify(state) === JSON.stringify(previous))
  )
    return undefined
  const createdAt = new Date(deps.clock.now()).toISOString()
  const recipients = deps.emailEnabled ? listRecipients(contract, handoff) : []
  const alerts: OutboxAlert[] = events.map((event) => {
    const id = deps.createAlertId()
    if (event.kind === 'broken' || event.kind === 'unreachable') state.openedBy = id
    return {
      id,
      contract: contract.name,
      kind: event.kind,
      ...(run && { runId: run.id }),
      createdAt,
      facts: {
        ...describeAlert(contract, event, state, observation.lastVerifiedAt, run),
        ...(event.kind === 'sunset' && {
          sunsets,
          operations: [...new Set(sunsets.map((s) => s.operation))],
          sunsetNotice: formatDuration(contract.alerts.sunsetNoticeMs),
        }),
      },
      deliveries: [
        ...(recipients.length > 0
          ? [{ channel: 'email' as const, target: JSON.stringify(recipients) }]
          : []),
        ...(contract.alerts.webhook
          ? [{ channel: 'webhook' as const, target: contract.alerts.webhook }]
          : []),
      ],
    }
  })
  return { state, alerts }
}

function describeAlert(
  contract: Contract,
  event: AlertEvent,
  state: AlertState,
  lastVerifiedAt: string | undefined,
  run: Run | undefined,
): AlertFacts {
  const showsFindings =
    event.kind === 'broken' || event.kind === 'unreachable' || event.kind === 'reminder'
  const probeFindings =
    showsFindings && run ? orderFindings(run.findings.filter((f) => f.source === 'probe')) : []
  const specChanges =
    showsFindings && run
      ? run.findings.filter((f) => f.source === 'spec' && f.affectsInteractions === true)
      : []
  const relevant =
    event.kind === 'unreachable'
      ? probeFindings
      : [...probeFindings.filter((f) => f.severity === 'breaking'), ...specChanges]
  const operations = [...new Set(relevant.flatMap((f) => (f.operation ? [f.operation] : [])))]
  return {
    kind: event.kind,
    contract: contract.name,
    owner: contract.owner,
    ...(contract.runbook && { runbook: contract.runbook }),
    status: state.status ?? run?.status ?? 'verified',
    ...(event.previousStatus && { previousStatus: event.previousStatus }),
    ...(event.since && { since: event.since }),
    ...(lastVerifiedAt && { lastVerifiedAt }),
    ...(event.downForMs !== undefined && { downForMs: event.downForMs }),
    ...(event.kind === 'stale' && { freshness: contract.freshness }),
    ...(run && {
      run: { id: run.id, startedAt: run.startedAt, finishedAt: run.finishedAt, counts: run.counts },
    }),
    findings: probeFindings.slice(0, MAX_FINDINGS),
    omittedFindings: Math.max(0, probeFindings.length - MAX_FINDINGS),
    specChanges: specChanges.slice(0, MAX_FINDINGS),
    operations,
    rerunCommand: `upcheck verify ${contract.name}`,
    // Pinning a spec only makes sense for a contract that has one to pin.
    ...((specChanges.length > 0 || contract.baselineFile || contract.upstream.spec) &&
      showsFindings &&
      event.kind !== 'unreachable' && {
        baselineCommand: `upcheck baseline accept ${contract.name}`,
      }),
    ...(event.threadOf && { threadOf: event.threadOf }),
  }
}

/**
 * The announced sunsets of this run that fall within the notice and were never alerted:
 * each (operation, date) is told once, across runs and restarts, since the state is stored.
 * A sunset already past is still told, once: the owner may not have heard of it.
 */
function findSunsetsDue(
  run: Run,
  state: AlertState,
  noticeMs: number,
  deps: PlanAlertsDeps,
): SunsetNotice[] {
  const told = new Set(state.sunsetsAlerted ?? [])
  const due = new Map<string, SunsetNotice>()
  for (const f of run.findings) {
    if (f.rule !== DEPRECATION_RULES.sunset || f.actual === undefined || !f.operation) continue
    const at = Date.parse(f.actual)
    if (Number.isNaN(at) || at - deps.clock.now() > noticeMs) continue
    const key = sunsetKey(f.operation, f.actual)
    if (told.has(key) || due.has(key)) continue
    const interactions = run.probes
      .filter((p) => p.operation === f.operation)
      .map((p) => p.interaction)
    due.set(key, { operation: f.operation, date: f.actual, interactions, message: f.message })
  }
  return [...due.values()]
}

function sunsetKey(operation: string, date: string): string {
  return `${operation} ${date}`
}

const severityRank: Record<Finding['severity'], number> = { breaking: 0, warning: 1, info: 2 }

function orderFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => [f, i] as const)
    .sort((a, b) => severityRank[a[0].severity] - severityRank[b[0].severity] || a[1] - b[1])
    .map(([f]) => f)
}
