import { dirname, resolve } from 'node:path'
import type {
  AlertSettings,
  Contract,
  ProbeSettings,
  UpcheckConfig,
  UpstreamAuth,
} from '../model/index.js'
import { DEFAULT_ALERTS, DEFAULT_FRESHNESS, DEFAULT_PROBE } from './defaults.js'
import { parseDuration } from './duration.js'
import { isHttpUrl } from './check-values.js'

/** A contract as written, after the schema accepted it. */
export interface ContractDocument {
  name: string
  owner: string
  runbook?: string
  upstream: {
    baseUrl: string
    spec?: string
    headers?: Record<string, string>
    auth?: UpstreamAuthDocument
  }
  interactions?: string
  baseline?: string
  schedule?: string
  freshness?: string
  alerts?: Partial<Pick<AlertSettings, 'email' | 'webhook' | 'unreachableAfter'>> & {
    remindEvery?: string
    sunsetNotice?: string
  }
  probe?: Partial<ProbeSettings>
  redact?: string[]
}

/** `upstream.auth` as written: the command's `timeoutMs` may be left out. */
export type UpstreamAuthDocument =
  | Exclude<UpstreamAuth, { type: 'command' }>
  | { type: 'command'; argv: string[]; timeoutMs?: number }

/** The command's default time limit: long enough for a vendor login tool, short of a hung run. */
const DEFAULT_COMMAND_TIMEOUT_MS = 30_000

/**
 * Fills every default (the contract's own value, else the config's `defaults`, else the
 * built-in one) and resolves paths against the contract's folder. `file` is absolute.
 * The result is not frozen yet: the caller freezes it once.
 */
export function buildContract(
  document: ContractDocument,
  file: string,
  config?: UpcheckConfig,
): Contract {
  const folder = dirname(file)
  const inherited = config?.defaults ?? {}
  const freshness = document.freshness ?? inherited.freshness ?? DEFAULT_FRESHNESS
  const remindEvery =
    document.alerts?.remindEvery ?? inherited.alerts?.remindEvery ?? DEFAULT_ALERTS.remindEvery
  const sunsetNotice =
    document.alerts?.sunsetNotice ?? inherited.alerts?.sunsetNotice ?? DEFAULT_ALERTS.sunsetNotice
  const webhook = document.alerts?.webhook ?? inherited.alerts?.webhook
  const spec = document.upstream.spec
  return {
    name: document.name,
    owner: document.owner,
    ...(document.runbook !== undefined && { runbook: document.runbook }),
    upstream: {
      baseUrl: document.upstream.baseUrl,
      ...(spec !== undefined && { spec: isHttpUrl(spec) ? spec : resolve(folder, spec) }),
      headers: { ...document.upstream.headers },
      ...(document.upstream.auth && { auth: buildAuth(document.upstream.auth) }),
    },
    interactionsFile: resolve(folder, document.interactions ?? `${document.name}.pact.json`),
    ...(document.baseline !== undefined && { baselineFile: resolve(folder, document.baseline) }),
    ...(document.schedule !== undefined && { schedule: document.schedule }),
    freshness,
    freshnessMs: parseDuration(freshness)!,
    alerts: {
      email: [...(document.alerts?.email ?? inherited.alerts?.email ?? [])],
      ...(webhook !== undefined && { webhook }),
      unreachableAfter:
        document.alerts?.unreachableAfter ??
        inherited.alerts?.unreachableAfter ??
        DEFAULT_ALERTS.unreachableAfter,
      remindEveryMs: parseDuration(remindEvery)!,
      sunsetNoticeMs: parseDuration(sunsetNotice)!,
    },
    probe: { ...DEFAULT_PROBE, ...inherited.probe, ...document.probe },
    redact: [...(document.redact ?? [])],
    file,
  }
}

function buildAuth(auth: UpstreamAuthDocument): UpstreamAuth {
  if (auth.type !== 'command') return { ...auth }
  return {
    type: 'command',
    argv: [...auth.argv],
    timeoutMs: auth.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
  }
}
