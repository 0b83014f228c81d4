import { basename, relative } from 'node:path'
import type { Contract } from '../model/index.js'
import { UpcheckError } from '../model/index.js'
import {
  describeSkippedRecordings,
  findUnsuppliedPlaceholders,
  openRecordingSession,
  REDACTED,
  type Recording,
  type RecordingSession,
  type RecordingSessionOptions,
} from '../record/index.js'
import { pinMissingBaseline } from '../baseline/index.js'
import type { CliIo } from './cli-io.js'
import { findContract } from './load-workspace.js'
import type { GlobalOptions } from './global-options.js'
import { createStderrLines, type StderrLines } from './stderr-lines.js'

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
  /** `import`: say what would be added, write nothing. */
  dryRun?: boolean
}

/** `--max-per-operation N` as a number, or undefined when not given. */
function parseMaxPerOperation(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UpcheckError(
      'USAGE',
      `--max-per-operation must be a whole number from 1, got "${value}".`,
    )
  return Number(value)
}

/** How `record` and `import` keep what they record, parsed from their flags. */
export type RecordingFlags = Pick<RecordingSessionOptions, 'exact' | 'maxPerOperation' | 'consumer'>

/** Parses the flags `record` and `import` share, before anything is read. */
function parseRecordingFlags(options: RecordOptions, cwd: string): RecordingFlags {
  const maxPerOperation = parseMaxPerOperation(options.maxPerOperation)
  return {
    exact: options.exact === true,
    ...(maxPerOperation !== undefined && { maxPerOperation }),
    consumer: options.consumer ?? (basename(cwd) || 'consumer'),
  }
}

/** Opens the contract's recording session; a failed background write is an error line. */
function openSession(
  contract: Contract,
  flags: RecordingFlags,
  io: CliIo,
  lines: StderrLines,
  dryRun?: boolean,
): Promise<RecordingSession> {
  return openRecordingSession(contract, {
    ...flags,
    env: io.env,
    onFlushError: (error) => lines.error(error),
    ...(dryRun && { dryRun }),
  })
}

/** Says once, at the end, which redacted placeholders probes would send, and what to do. */
function warnOfPlaceholders(
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

/**
 * A contract with a live spec and no baseline gets one when it is recorded (`record`,
 * `import`): from then on, its verifies run the spec check too.
 */
async function pinBaselineByDefault(
  contract: Contract,
  io: CliIo,
  lines: StderrLines,
  say: (line: string) => void,
): Promise<void> {
  const outcome = await pinMissingBaseline(contract, {
    env: io.env,
    // Loaded only for a contract that needs a baseline: wiring pulls in the probes and alerts.
    createSpecReader: async (upstream) =>
      (await import('./wiring.js')).createUpstreamSpecReader(upstream),
  })
  const shown = (file: string) => relative(io.cwd(), file) || file
  if (outcome.kind === 'pinned')
    say(
      `pinned the live spec as ${shown(outcome.baselineFile)} (sha256 ${outcome.sha256.slice(0, 12)}…) and named it under baseline: in ${shown(contract.file)}`,
    )
  else if (outcome.kind === 'not-pinned')
    lines.warning(`the live spec was not pinned as ${contract.name}'s baseline: ${outcome.reason}`)
}

/** What `record` and `import` have in hand before they record: the contract and their output. */
export interface PreparedRecording {
  contract: Contract
  lines: StderrLines
  /** A line on stdout, unless `--quiet`. */
  say(line: string): void
  /** Opens the contract's Pact file for recording. */
  open(): Promise<RecordingSession>
}

/** Parses the shared flags and finds the contract; nothing is opened until `open()`. */
export async function prepareRecording(
  contractName: string,
  options: RecordOptions,
  io: CliIo,
): Promise<PreparedRecording> {
  const flags = parseRecordingFlags(options, io.cwd())
  const lines = createStderrLines(io)
  const contract = await findContract(contractName, options, io.cwd())
  return {
    contract,
    lines,
    say: (line) => {
      if (!options.quiet) io.stdout.write(`${line}\n`)
    },
    open: () => openSession(contract, flags, io, lines, options.dryRun),
  }
}

/** The end of `record` and `import`: a baseline pinned when the contract lacks one, then advice. */
export async function concludeRecording(
  prepared: PreparedRecording,
  session: RecordingSession,
  io: CliIo,
  command: 'record' | 'import',
): Promise<void> {
  const { contract, lines, say } = prepared
  await pinBaselineByDefault(contract, io, lines, (line) => say(`upcheck ${command}: ${line}`))
  warnOfPlaceholders(session.recording, contract, io.cwd(), lines)
  // Stored but never replayed would be a silent gap: say so now, and how to allow it.
  for (const warning of describeSkippedRecordings(session.recording, contract.probe.allowUnsafe))
    lines.warning(`${contract.name}: ${warning}`)
}
