import { basename, relative } from 'node:path'
import { loadConfig, loadContract } from '../../contracts/index.js'
import { UpcheckError, type Contract } from '../../model/index.js'
import { createProbeClient } from '../../probes/index.js'
import {
  describeTarget,
  formatTakeResult,
  learnVolatility,
  openExchangeChannel,
  openRecordingSession,
  REDACTED,
  runRecordedCommand,
  startRecordingProxy,
  type CapturedExchange,
  type Recording,
  type RecordingSession,
} from '../../record/index.js'
import type { CliIo } from '../cli-io.js'
import { EXIT } from '../exit-code.js'
import type { GlobalOptions } from '../global-options.js'
import { loadWorkspace, unknownContractError } from '../load-workspace.js'

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

/** A contract named by its `name`, or by the path of its file. */
export async function findContract(
  name: string,
  options: GlobalOptions,
  cwd: string,
): Promise<Contract> {
  if (/[\\/]|\.(ya?ml|json)$/i.test(name)) {
    const config = await loadConfig({ cwd, ...(options.config ? { file: options.config } : {}) })
    return loadContract(name, { cwd, config })
  }
  const workspace = await loadWorkspace(options, cwd)
  const found = workspace.contracts.find((c) => c.name === name)
  if (found) return found
  const broken = workspace.errors.find(
    (e) =>
      e.location?.file !== undefined &&
      basename(e.location.file).replace(/\.(ya?ml|json)$/i, '') === name,
  )
  if (broken) throw broken
  throw unknownContractError(workspace, name, cwd)
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

/** Opens the session the record and import commands share. */
export async function openSession(
  contract: Contract,
  options: RecordOptions,
  io: CliIo,
): Promise<RecordingSession> {
  return openRecordingSession(contract, {
    env: io.env,
    exact: options.exact === true,
    ...(parseMaxPerOperation(options.maxPerOperation) !== undefined && {
      maxPerOperation: parseMaxPerOperation(options.maxPerOperation),
    }),
    consumer: options.consumer ?? (basename(io.cwd()) || 'consumer'),
    onFlushError: (error) => io.stderr.write(`upcheck: ${error.message} [${error.code}]\n`),
  })
}

/**
 * Request headers and query parameters the recording redacted that the contract does not
 * supply: probes would send the placeholder. Said once, at the end, with what to do.
 */
export function adviseOnPlaceholders(recording: Recording, contract: Contract, io: CliIo): void {
  const supplied = new Set(Object.keys(contract.upstream.headers).map((n) => n.toLowerCase()))
  const headers = new Set<string>()
  const params = new Set<string>()
  for (const key of recording.recordedKeys()) {
    const request = recording.recorder.book.find(key)?.request
    for (const [name, values] of Object.entries(request?.headers ?? {})) {
      if (!supplied.has(name.toLowerCase()) && values.some((v) => v.includes(REDACTED)))
        headers.add(name)
    }
    for (const [name, values] of Object.entries(request?.query ?? {}))
      if (values.some((v) => v.includes(REDACTED))) params.add(name)
  }
  if (headers.size > 0) {
    const file = relative(io.cwd(), contract.file) || contract.file
    io.stderr.write(
      `upcheck: the recording redacted the request header(s) ${[...headers].join(', ')}, which ${file} does not set under upstream.headers. Add them there (values like \${MY_TOKEN} are read from the environment), or probes will send "${REDACTED}".\n`,
    )
  }
  if (params.size > 0) {
    io.stderr.write(
      `upcheck: the recording redacted the query parameter(s) ${[...params].join(', ')}. Put them in upstream.baseUrl's query (like ?${[...params][0]}=\${MY_KEY}) and record again, or probes will send "${REDACTED}".\n`,
    )
  }
}

function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    throw new UpcheckError(
      'USAGE',
      `--port must be a port number from 0 to 65535 (0 picks a free one), got "${value}".`,
    )
  return Number(value)
}

/** Resolves on the first SIGINT or SIGTERM; while waiting, neither ends the process. */
function waitForStopSignal(onSignal: (signal: NodeJS.Signals) => void = () => {}): {
  stopped: Promise<NodeJS.Signals>
  dispose(): void
} {
  let resolveStop: (signal: NodeJS.Signals) => void = () => {}
  const stopped = new Promise<NodeJS.Signals>((resolve) => (resolveStop = resolve))
  const handler = (signal: NodeJS.Signals) => {
    onSignal(signal)
    resolveStop(signal)
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
  return {
    stopped,
    dispose: () => {
      process.off('SIGINT', handler)
      process.off('SIGTERM', handler)
    },
  }
}

/**
 * `upcheck record <contract> --port N` (a reverse proxy) or `upcheck record <contract> -- <cmd…>`
 * (a Node program recorded in-process). Every exchange with the contract's upstream is
 * redacted, generalised (unless `--exact`), deduplicated and appended to its Pact file.
 */
export async function runRecordCommand(
  contractName: string,
  command: readonly string[],
  options: RecordOptions,
  io: CliIo,
): Promise<number> {
  if (command.length === 0 && options.port === undefined) {
    throw new UpcheckError(
      'USAGE',
      'Say how to record: --port N runs a proxy on 127.0.0.1:N for the app to call, and -- <command> [args…] runs a Node program and records its calls.',
    )
  }
  if (command.length > 0 && options.port !== undefined)
    throw new UpcheckError('USAGE', 'Give either --port or a command after --, not both.')
  const port = options.port === undefined ? undefined : parsePort(options.port)
  parseMaxPerOperation(options.maxPerOperation)

  const cwd = io.cwd()
  const contract = await findContract(contractName, options, cwd)
  const { recording, upstream } = await openSession(contract, options, io)
  const say = (line: string) => {
    if (!options.quiet) io.stdout.write(`${line}\n`)
  }
  const take = (exchange: CapturedExchange) => say(formatTakeResult(recording.take(exchange)))
  const where = recording.policy.scrub(describeTarget(recording.target))
  let exitCode: number = EXIT.ok

  if (port !== undefined) {
    const stop = waitForStopSignal()
    try {
      const proxy = await startRecordingProxy({
        upstreamOrigin: recording.target.origin,
        port,
        maxBodyBytes: contract.probe.maxBodyBytes,
        onExchange: take,
        onProblem: (problem) =>
          say(
            `${problem.method} ${recording.policy.scrub(problem.path)}  not recorded: ${problem.reason}`,
          ),
      })
      // The listening line is printed even with --quiet: a script needs the port when it asked for 0.
      io.stdout.write(
        `upcheck record: listening on ${proxy.url}, forwarding to ${recording.policy.scrub(recording.target.origin)}; point the app at ${proxy.url}${recording.target.pathPrefix} and stop with Ctrl-C\n`,
      )
      await stop.stopped
      await proxy.close()
    } finally {
      stop.dispose()
    }
  } else {
    const [program, ...args] = command as [string, ...string[]]
    const channel = await openExchangeChannel(take, () =>
      io.stderr.write(
        'upcheck: a recorded process sent a line that is not an exchange; it was ignored\n',
      ),
    )
    let forward: ((signal: NodeJS.Signals) => void) | undefined
    // The recorder outlives the command, so it can write what it was sent after the command is stopped.
    const stop = waitForStopSignal((signal) => forward?.(signal))
    try {
      say(`upcheck record: running ${program} with its calls to ${where} recorded`)
      const run = runRecordedCommand({
        command: program,
        args,
        cwd,
        env: io.env,
        channel: channel.address,
        scope: describeTarget(recording.target),
        stdout: io.stdout,
        stderr: io.stderr,
      })
      forward = run.signal
      const exit = await run.exit
      if (!(await channel.drain(2000)))
        io.stderr.write(
          'upcheck: a recorded process still had its channel open; what it sent so far is recorded\n',
        )
      if (exit.code !== 0) {
        io.stderr.write(
          `upcheck: ${program} ${exit.signal ? `was ended by ${exit.signal}` : `exited with code ${exit.code}`}; the calls it made are recorded\n`,
        )
        exitCode = exit.code ?? 1
      }
    } finally {
      stop.dispose()
      await channel.close()
    }
  }

  await recording.recorder.flush()
  if (options.learn) await learn(recording, upstream, contract, say)
  await recording.recorder.close()
  const { added, replaced, capped } = recording.recorder.counts
  const file = relative(cwd, contract.interactionsFile) || contract.interactionsFile
  say(
    `upcheck record: ${file}: ${added} new, ${replaced} recorded again${capped > 0 ? `, ${capped} over the --max-per-operation cap` : ''}; ${recording.recorder.book.interactions.length} interactions in the file`,
  )
  adviseOnPlaceholders(recording, contract, io)
  return exitCode
}

async function learn(
  recording: Recording,
  upstream: RecordingSession['upstream'],
  contract: Contract,
  say: (line: string) => void,
): Promise<void> {
  const client = createProbeClient({ upstream, settings: contract.probe })
  try {
    const reports = await learnVolatility(recording, (interaction) => client.replay(interaction))
    for (const report of reports) {
      const learned =
        report.varying.length > 0
          ? `varies at ${report.varying.join(', ')} (now type-only)`
          : 'nothing varied'
      say(
        `learn: ${report.description}: ${learned}${report.notes.length > 0 ? `; ${report.notes.join('; ')}` : ''}`,
      )
    }
  } finally {
    await client.close()
  }
}
