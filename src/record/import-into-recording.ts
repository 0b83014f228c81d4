import { formatTakeResult } from './create-recording.js'
import type { ImportContents } from './import/read-import-file.js'
import type { RecordingSession } from './open-recording-session.js'

/**
 * `upcheck import`: takes the exchanges of a HAR file (those for the contract's origin and
 * base path) or the HTTP interactions of a Pact file into the recording, redacted,
 * generalised and deduplicated as `record` does. Returns how many were left out, by reason.
 */
export function importIntoRecording(
  session: RecordingSession,
  contents: ImportContents,
  onLine: (line: string) => void,
): Map<string, number> {
  const { recording } = session
  const skipped = new Map<string, number>()
  for (const item of contents.items) {
    const result =
      item.kind === 'exchange'
        ? recording.take(item.exchange)
        : recording.takeInteraction(item.interaction)
    if (result.kind === 'skipped') skipped.set(result.reason, (skipped.get(result.reason) ?? 0) + 1)
    else onLine(formatTakeResult(result))
  }
  return skipped
}
