import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { basename } from 'node:path'
import type { Contract, UpcheckConfig } from '../model/index.js'
import { UpcheckError, isHttpInteraction } from '../model/index.js'
import {
  createSmtpMailer,
  createUndiciWebhookClient,
  planRunAlerts,
  resolveSmtpSettings,
  type DeliverAlertsDeps,
  type PlanAlertsDeps,
} from '../alerts/index.js'
import type { ResolvedUpstream } from '../contracts/index.js'
import type { SpecReader } from '../diff/index.js'
import { readPactFile } from '../interactions/index.js'
import { matchResponse } from '../matching/index.js'
import { createProbeClient, createTokenCache, createTokenCommandRunner } from '../probes/index.js'
import {
  buildRunReceipt,
  describeFile,
  type ReceiptSigner,
  type ReceiptSubject,
} from '../receipts/index.js'
import { checkSpec } from '../runs/index.js'
import type { HandoffDeps } from '../handoffs/index.js'
import type { Store } from '../store/index.js'
import type { AuthorizedUpstream, VerifyDeps, VerifyReporter } from '../verify/index.js'

/**
 * The one place real implementations meet: undici for probes, the system clock, UUIDs
 * for run ids. Everything below takes them as parameters.
 */
export function createVerifyDeps(options: {
  store: Store
  env: VerifyDeps['env']
  reporter?: VerifyReporter
  /** Plans each run's alert transition; absent, no alert state is kept (`--no-alerts`). */
  alerts?: PlanAlertsDeps
  /** Default the system clock. */
  clock?: VerifyDeps['clock']
  /** Signs a receipt of every run; absent, none is written. */
  signer?: ReceiptSigner
}): VerifyDeps {
  const { alerts } = options
  const clock = options.clock ?? { now: () => Date.now() }
  // @note One cache for as long as these deps live: a daemon reuses a token across runs.
  const tokens = createTokenCache({
    clock,
    fetch,
    runCommand: createTokenCommandRunner(options.env),
  })
  return {
    store: options.store,
    env: options.env,
    clock,
    readPact: readPactFile,
    matchResponse,
    createRunId: randomUUID,
    worker: { host: hostname(), pid: process.pid },
    createProbeClient: (contract, upstream) =>
      createProbeClient({ upstream, settings: contract.probe }),
    // Keyed by file too: two workspaces' contracts may share a name but not credentials.
    credentialsFor: (contract, auth) =>
      tokens.credentialsFor(`${contract.file}#${contract.name}`, auth),
    loadBaseline: async (contract, upstream) => {
      // Only the loader and the judge's rules: the diff engine loads with the spec check.
      const [{ loadSpec }, { compileBaselineRules }] = await Promise.all([
        import('../diff/load/load-spec.js'),
        import('../diff/conform/index.js'),
      ])
      // Not lenient: a baseline that is no valid document (as diff would refuse) is this contract's exit-2 error.
      const spec = await loadSpec(contract.baselineFile!, {
        reader: await createUpstreamSpecReader(upstream),
      })
      return { spec, rules: compileBaselineRules(spec) }
    },
    checkSpec: (contract, upstream, pact, baseline) =>
      checkSpec(baseline, upstream.spec!, pact.interactions.filter(isHttpInteraction), {
        // @note Lenient: a live spec that fails validation is still worth diffing.
        loadSpec: async (source) => {
          const { loadSpec } = await import('../diff/index.js')
          return loadSpec(source, {
            lenient: true,
            // The contract's own time limit, not the diff command's 30 s.
            timeoutMs: contract.probe.timeoutMs,
            reader: await createUpstreamSpecReader(upstream),
          })
        },
        now: () => new Date(),
      }),
    ...(options.reporter ? { reporter: options.reporter } : {}),
    ...(alerts && {
      planAlerts: (contract, run, handoff) => planRunAlerts(contract, run, alerts, handoff),
    }),
    ...(options.signer && {
      receiptFor: async (contract, run) =>
        buildRunReceipt(run, await describeContractFiles(contract), options.signer!),
    }),
  }
}

/** What owner handoffs and contract sightings need, wired for real (the system clock). */
export function createHandoffDeps(options: {
  store: Store
  env: VerifyDeps['env']
  signer: ReceiptSigner
  /** Absent (`--no-alerts`): no handoff e-mail is queued. */
  alerts: PlanAlertsDeps | undefined
  clock?: VerifyDeps['clock']
}): HandoffDeps {
  return {
    store: options.store,
    env: options.env,
    signer: options.signer,
    clock: options.clock ?? options.alerts?.clock ?? { now: () => Date.now() },
    describeFiles: describeContractFiles,
    ...(options.alerts && { alerts: options.alerts }),
  }
}

/** What a receipt names: the contract's Pact file, and its baseline when it has one. */
export async function describeContractFiles(
  contract: Pick<Contract, 'interactionsFile' | 'baselineFile'>,
): Promise<ReceiptSubject[]> {
  const files = [contract.interactionsFile, contract.baselineFile].filter(
    (file): file is string => !!file,
  )
  // @note A baseline not yet pinned has no bytes to hash: it is left out, not an error.
  const subjects = await Promise.all(
    files.map((file) => describeFile(basename(file), file).catch(() => undefined)),
  )
  return subjects.filter((subject): subject is ReceiptSubject => subject !== undefined)
}

/**
 * Reads specs with the contract's headers added on the upstream's own origin only, since a
 * spec behind the API's auth is common and credentials must never go to another origin.
 */
export async function createUpstreamSpecReader(
  upstream: Pick<AuthorizedUpstream, 'baseUrl' | 'headers' | 'credentials'>,
): Promise<SpecReader> {
  const { createNodeSpecReader } = await import('../diff/load/spec-reader.js')
  const origin = new URL(upstream.baseUrl).origin
  const fetchWithCredentials: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    if (url.origin !== origin) return fetch(input, init)
    const headers = new Headers(init?.headers)
    for (const [name, value] of Object.entries(upstream.headers)) headers.set(name, value)
    if (upstream.credentials) headers.set('authorization', await upstream.credentials.current())
    return fetch(input, { ...init, headers })
  }
  return createNodeSpecReader(fetchWithCredentials)
}

/** What alerting needs, wired for real: nodemailer over SMTP, undici for webhooks, the system clock. */
export interface AlertWiring {
  plan: PlanAlertsDeps
  deliver: DeliverAlertsDeps
  /** Why e-mail cannot go out (bad SMTP settings), when it cannot: the alerts wait in the outbox. */
  problem?: UpcheckError
  close(): void
}

export function createAlertWiring(options: {
  store: Store
  config: UpcheckConfig
  env: VerifyDeps['env']
}): AlertWiring {
  const clock = { now: () => Date.now() }
  let smtp: ReturnType<typeof resolveSmtpSettings>
  let problem: UpcheckError | undefined
  try {
    smtp = resolveSmtpSettings(options.config.smtp, options.env)
  } catch (error) {
    if (!(error instanceof UpcheckError)) throw error
    problem = error
  }
  const mailer = smtp && createSmtpMailer(smtp)
  return {
    // A bad SMTP setting still queues e-mail: once it is fixed, the alerts go out.
    plan: {
      clock,
      createAlertId: randomUUID,
      emailEnabled: smtp !== undefined || problem !== undefined,
    },
    deliver: {
      store: options.store,
      clock,
      webhook: createUndiciWebhookClient(),
      ...(smtp && mailer && { mail: { mailer, from: smtp.from } }),
    },
    ...(problem && { problem }),
    close: () => mailer?.close(),
  }
}
