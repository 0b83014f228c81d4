/**
 * A contract: one consumer's declared dependency on one upstream API.
 * Loaded from `contracts/<name>.yaml` and fully defaulted; every object is frozen.
 * Values with `${VAR}` are kept as templates: they are resolved in memory at run time
 * only (see `resolveUpstream`), so the loaded contract never holds a secret.
 */
export interface Contract {
  /** `[a-z0-9-]+`, unique among the contracts. */
  name: string
  /** Who gets paged, like `Ann Lee <ann@example.com>`. */
  owner: string
  runbook?: string
  upstream: Upstream
  /** Absolute path of the Pact file. */
  interactionsFile: string
  /** Absolute path of the pinned baseline OpenAPI document, when there is one. */
  baselineFile?: string
  /** Cron expression for the daemon, when set. */
  schedule?: string
  /** Milliseconds without a verified run before the contract is stale. Default 24h. */
  freshnessMs: number
  /** The duration as written, for messages. Default `24h`. */
  freshness: string
  alerts: AlertSettings
  probe: ProbeSettings
  /** Extra JSON paths blanked when recording. Default none. */
  redact: readonly string[]
  /** Absolute path of the contract file. */
  file: string
}

export interface Upstream {
  /** May hold `${VAR}` templates. */
  baseUrl: string
  /** URL or absolute path of the live spec, when set. */
  spec?: string
  /** Header templates, added to every probe. May hold `${VAR}`. Default none. */
  headers: Readonly<Record<string, string>>
  /** How probes and spec fetches authenticate, besides `headers`. Default none. */
  auth?: UpstreamAuth
}

/**
 * Upstream authentication. String fields may hold `${VAR}` templates, filled in memory at run
 * time; whatever they produce (passwords, client secrets, tokens) is scrubbed from every output.
 */
export type UpstreamAuth =
  | { type: 'basic'; username: string; password: string }
  | {
      type: 'oauth2-client-credentials'
      /** Where the token is fetched; may be another origin (the auth server). */
      tokenUrl: string
      clientId: string
      clientSecret: string
      scope?: string
      audience?: string
    }
  | {
      type: 'command'
      /** Program and arguments, run without a shell; its standard output is the token. */
      argv: readonly string[]
      /** Milliseconds before the command is killed. Default 30000. */
      timeoutMs: number
    }

export interface AlertSettings {
  /** Default none. */
  email: readonly string[]
  webhook?: string
  /** Consecutive unreachable runs before an alert. Default 3. */
  unreachableAfter: number
  /** Reminder interval while broken, in ms. Default 24h. */
  remindEveryMs: number
  /** How long before an upstream's announced sunset the owner is alerted (once), in ms. Default 30d. */
  sunsetNoticeMs: number
}

export interface ProbeSettings {
  /** Default 10000. */
  timeoutMs: number
  /** Re-tries for network errors, 5xx and 429. Default 2. */
  retries: number
  /** Requests in flight to this upstream. Default 4. */
  concurrency: number
  /** Ceiling on requests per second. Default 10. */
  ratePerSecond: number
  /** POST/PUT/PATCH/DELETE are skipped unless true. Default false. */
  allowUnsafe: boolean
  /** Re-probes of a failed probe before the failure counts. Default 1. */
  confirm: number
  /** Largest response body read, in bytes. Default 10 MB. */
  maxBodyBytes: number
}

/** `upcheck.config.yaml`, fully defaulted. */
export interface UpcheckConfig {
  /**
   * Absolute path of the SQLite store (default `.upcheck/state.db`), or a PostgreSQL URL
   * (`postgres://user@host:5432/db`, the password from `PGPASSWORD`).
   */
  store: string
  /** Absolute path of the reports folder. Default `reports`. */
  reports: string
  /** Absolute path of the contracts folder. Default `contracts`. */
  contracts: string
  smtp: { url?: string; from?: string }
  /** How long runs are kept, in milliseconds (`retention`, default 90 days). */
  retentionMs: number
  /** Values every contract inherits unless it sets its own. */
  defaults: {
    freshness?: string
    probe?: Partial<ProbeSettings>
    alerts?: Partial<Pick<AlertSettings, 'email' | 'webhook' | 'unreachableAfter'>> & {
      remindEvery?: string
      sunsetNotice?: string
    }
  }
  /** Absolute path of the config file, when one was read. */
  file?: string
}
