import { relative } from 'node:path'
import { UpcheckError } from '../../model/index.js'
import {
  describeTarget,
  finishRecording,
  formatRecordingSummary,
  recordProgram,
  recordThroughProxy,
} from '../../record/index.js'
import type { CliIo } from '../cli-io.js'
import { listenForStopSignals } from '../stop-signals.js'
import { EXIT, decideRecordExitCode } from '../exit-code.js'
import { concludeRecording, prepareRecording, type RecordOptions } from '../recording-options.js'

function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    throw new UpcheckError(
      'USAGE',
      `--port must be a port number from 0 to 65535 (0 picks a free one), got "${value}".`,
    )
  return Number(value)
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

  const cwd = io.cwd()
  const prepared = await prepareRecording(contractName, options, io)
  const { contract, lines, say } = prepared
  const session = await prepared.open()
  let exitCode: number = EXIT.ok

  if (port !== undefined) {
    const stop = listenForStopSignals()
    try {
      await recordThroughProxy(session, {
        port,
        maxBodyBytes: contract.probe.maxBodyBytes,
        stopped: stop.stopped,
        onLine: say,
        // Printed even with --quiet: a script needs the port when it asked for 0.
        onListening: ({ url, appUrl, upstream }) =>
          io.stdout.write(
            `upcheck record: listening on ${url}, forwarding to ${upstream}; point the app at ${appUrl} and stop with Ctrl-C\n`,
          ),
      })
    } finally {
      stop.dispose()
    }
  } else {
    const [program, ...args] = command as [string, ...string[]]
    const where = session.recording.policy.scrub(describeTarget(session.recording.target))
    say(`upcheck record: running ${program} with its calls to ${where} recorded`)
    const exit = await recordProgram(session, {
      command: program,
      args,
      cwd,
      env: io.env,
      stdout: io.stdout,
      stderr: io.stderr,
      listenForStop: (onSignal) => listenForStopSignals(onSignal),
      onLine: say,
      onWarning: lines.warning,
    })
    if (exit.code !== 0) {
      lines.warning(
        `${program} ${exit.signal ? `was ended by ${exit.signal}` : `exited with code ${exit.code}`}; the calls it made are recorded`,
      )
      exitCode = decideRecordExitCode(exit)
    }
  }

  const summary = await finishRecording(session, {
    ...(options.learn && {
      learn: {
        contract,
        onReport: (report) =>
          say(
            `learn: ${report.description}: ${report.varying.length > 0 ? `varies at ${report.varying.join(', ')} (now type-only)` : 'nothing varied'}${report.notes.length > 0 ? `; ${report.notes.join('; ')}` : ''}`,
          ),
      },
    }),
  })
  say(
    `upcheck record: ${relative(cwd, contract.interactionsFile) || contract.interactionsFile}: ${formatRecordingSummary(summary, 'recorded again')}`,
  )
  await concludeRecording(prepared, session, io, 'record')
  return exitCode
}
