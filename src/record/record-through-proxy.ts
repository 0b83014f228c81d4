import type { RecordingSession } from './open-recording-session.js'
import { formatTakeResult } from './create-recording.js'
import { startRecordingProxy } from './proxy/start-recording-proxy.js'

export interface RecordThroughProxyOptions {
  /** On 127.0.0.1; 0 picks a free port. */
  port: number
  maxBodyBytes: number
  /** Settles when recording should stop (SIGINT/SIGTERM in the CLI). */
  stopped: Promise<unknown>
  /**
   * The proxy is listening: `appUrl` is where the app should point (the proxy plus the
   * upstream's base path), `upstream` the origin it forwards to, with secrets scrubbed.
   */
  onListening(where: { url: string; appUrl: string; upstream: string }): void
  /** One line a recorded or refused exchange; every string in it is redacted. */
  onLine(line: string): void
}

/**
 * `upcheck record --port N`: a reverse proxy to the contract's upstream that records every
 * exchange through it until `stopped` settles. The caller finishes the recording.
 */
export async function recordThroughProxy(
  session: RecordingSession,
  options: RecordThroughProxyOptions,
): Promise<void> {
  const { recording } = session
  const proxy = await startRecordingProxy({
    upstreamOrigin: recording.target.origin,
    port: options.port,
    maxBodyBytes: options.maxBodyBytes,
    onExchange: (exchange) => options.onLine(formatTakeResult(recording.take(exchange))),
    onProblem: (problem) =>
      options.onLine(
        `${problem.method} ${recording.policy.scrub(problem.path)}  not recorded: ${problem.reason}`,
      ),
  })
  options.onListening({
    url: proxy.url,
    appUrl: `${proxy.url}${recording.target.pathPrefix}`,
    upstream: recording.policy.scrub(recording.target.origin),
  })
  await options.stopped
  await proxy.close()
}
