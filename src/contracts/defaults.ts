import type { ProbeSettings } from '../model/index.js'

/**
 * The built-in defaults, applied under the config file's `defaults` and each contract's own
 * values. The published schema repeats them as `default` annotations; a test keeps the two
 * equal.
 */
export const DEFAULT_FRESHNESS = '24h'

export const DEFAULT_PROBE: Readonly<ProbeSettings> = Object.freeze({
  timeoutMs: 10_000,
  retries: 2,
  concurrency: 4,
  ratePerSecond: 10,
  allowUnsafe: false,
  confirm: 1,
  maxBodyBytes: 10 * 1024 * 1024,
})

export const DEFAULT_ALERTS = Object.freeze({
  unreachableAfter: 3,
  remindEvery: '24h',
  sunsetNotice: '30d',
})

/** How long runs are kept before they are pruned (receipts are kept forever). */
export const DEFAULT_RETENTION = '90d'

/** Config paths, relative to the config file's folder (or the working directory without one). */
export const DEFAULT_CONFIG_PATHS = Object.freeze({
  store: '.upcheck/state.db',
  reports: 'reports',
  contracts: 'contracts',
})

/** The file name looked for when no `--config` is given. */
export const CONFIG_FILE_NAME = 'upcheck.config.yaml'

/**
 * The largest contract or config file read (1 MiB). A contract is a page of YAML; a file far
 * larger is a mistake or an attack, and the YAML parser's time and memory grow with it.
 */
export const MAX_CONTRACT_FILE_BYTES = 1024 * 1024
