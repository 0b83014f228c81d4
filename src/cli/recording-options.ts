import { basename, relative } from 'node:path'
import type { Contract } from '../model/index.js'
import { UpcheckError } from '../model/index.js'
import {
  findUnsuppliedPlaceholders,
  openRecordingSession,
  REDACTED,
  type Recording,
  type RecordingSession,
  type RecordingSummary,
} from '../record/index.js'
import type { CliIo } from './cli-io.js'
import type { GlobalOptions } from './global-options.js'
import type { StderrLines } from './stderr-lines.js'

/** Flags of `upcheck record` (`import` takes the ones it shares). */
export interface RecordOptions extends GlobalOptions {
  /** Proxy mode: the port on 127.0.0.1, `0` for any free one. */
  port?: string
  /** Keep literal values (no generalising rules). */
  exact?: boolean
  /** At most this many interactions per operation and status. */
  maxPerOperation?: string
  /** Send each recorded GET/HEAD again and mark the fields that changed as type-only. */
  learn?: boolean
  /** The consumer named in a new Pact file. Default: the project folder's name. */
  consumer?: string
}

/** `--max-per-operation N` as a number, or undefined when not given. */
export function parseMaxPerOperation(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UpcheckError(
      'USAGE',
      `--max-per-operation must be a whole number from 1, got "${value}".`,
    )
  return Number(value)
}

/** Opens the recording session of `record` and `import` from their flags. */
export function openSessionFromFlags(
  contract: Contract,
  options: RecordOptions,
  io: CliIo,
  lines: StderrLines,
): Promise<RecordingSession> {
  const maxPerOperation = parseMaxPerOperation(options.maxPerOperation)
  return openRecordingSession(contract, {
    env: io.env,
    exact: options.exact === true,
    ...(maxPerOperation !== undefined && { maxPerOperation }),
    consumer: options.consumer ?? (basename(io.cwd()) || 'consumer'),
    onFlushError: (error) => lines.error(error),
  })
}

/** Says once, at the end, which redacted placeholders probes would send, and what to do. */
export function warnOfPlaceholders(
  recording: Recording,
  contract: Contract,
  cwd: string,
  lines: StderrLines,
): void {
  const { headers, params } = findUnsuppliedPlaceholders(recording, contract)
  if (headers.length > 0) {
    const file = relative(cwd, contract.file) || contract.file
    lines.warning(
      `the recording redacted the request header(s) ${headers.join(', ')}, which ${file} does not set under upstream.headers. Add them there (values like \${MY_TOKEN} are read from the environment), or probes will send "${REDACTED}".`,
    )
  }
  if (params.length > 0) {
    lines.warning(
      `the recording redacted the query parameter(s) ${params.join(', ')}. Put them in upstream.baseUrl's query (like ?${params[0]}=\${MY_KEY}) and record again, or probes will send "${REDACTED}".`,
    )
  }
}

/** `2 new, 1 recorded again, 3 over the --max-per-operation cap; 6 interactions in the file`. */
export function describeCounts(summary: RecordingSummary, again: string): string {
  const capped = summary.capped > 0 ? `, ${summary.capped} over the --max-per-operation cap` : ''
  return `${summary.added} new, ${summary.replaced} ${again}${capped}; ${summary.total} interactions in the file`
}
