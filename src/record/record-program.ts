import type { Environment } from '../contracts/index.js'
import { formatTakeResult } from './create-recording.js'
import { openExchangeChannel } from './in-process/exchange-channel.js'
import { runRecordedCommand, type CommandExit } from './in-process/run-recorded-command.js'
import type { RecordingSession } from './open-recording-session.js'
import { describeTarget } from './recording-target.js'

export interface RecordProgramOptions {
  command: string
  args: readonly string[]
  cwd: string
  env: Environment
  /** Where the program's own output goes. */
  stdout: { write(text: string | Uint8Array): unknown }
  stderr: { write(text: string | Uint8Array): unknown }
  /**
   * Calls `onSignal` for each stop request (SIGINT/SIGTERM in the CLI) until disposed: the
   * signal is passed on to the program, and the recorder outlives it to write what it sent.
   */
  listenForStop(onSignal: (signal: NodeJS.Signals) => void): { dispose(): void }
  /** One line a recorded or refused exchange; every string in it is redacted. */
  onLine(line: string): void
  /** Something went wrong that did not stop the recording. */
  onWarning(text: string): void
}

/**
 * `upcheck record -- <cmd…>`: runs a Node program with its outbound HTTP to the contract's
 * upstream captured in-process, and records every exchange it reports. Returns how the
 * program ended; the caller finishes the recording.
 */
export async function recordProgram(
  session: RecordingSession,
  options: RecordProgramOptions,
): Promise<CommandExit> {
  const { recording } = session
  const channel = await openExchangeChannel(
    (exchange) => options.onLine(formatTakeResult(recording.take(exchange))),
    () =>
      options.onWarning('a recorded process sent a line that is not an exchange; it was ignored'),
  )
  let forward: ((signal: NodeJS.Signals) => void) | undefined
  const stop = options.listenForStop((signal) => forward?.(signal))
  try {
    const run = runRecordedCommand({
      command: options.command,
      args: options.args,
      cwd: options.cwd,
      env: options.env,
      channel: channel.address,
      scope: describeTarget(recording.target),
      stdout: options.stdout,
      stderr: options.stderr,
    })
    forward = run.signal
    const exit = await run.exit
    if (!(await channel.drain(2000)))
      options.onWarning(
        'a recorded process still had its channel open; what it sent so far is recorded',
      )
    return exit
  } finally {
    stop.dispose()
    await channel.close()
  }
}
