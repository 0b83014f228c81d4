/** A wait for SIGINT or SIGTERM, taken over from Node's default of ending the process. */
export interface StopSignals {
  /** Resolves on the first signal. */
  readonly stopped: Promise<NodeJS.Signals>
  /** Gives the signals back to Node: a later one ends the process again. */
  dispose(): void
}

/**
 * Listens for SIGINT and SIGTERM until {@link StopSignals.dispose}; while it listens, neither
 * ends the process. `onSignal` sees every one (a recorder forwards them to its child).
 */
export function listenForStopSignals(
  onSignal: (signal: NodeJS.Signals) => void = () => {},
): StopSignals {
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
 * Resolves on the first SIGINT or SIGTERM and then stops listening, so a second Ctrl-C ends a
 * process whose graceful stop hangs.
 */
export function waitForStopSignal(): Promise<NodeJS.Signals> {
  const signals = listenForStopSignals()
  return signals.stopped.finally(signals.dispose)
}
