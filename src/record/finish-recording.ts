import type { Contract } from '../model/index.js'
import { createProbeClient } from '../probes/index.js'
import { learnVolatility, type LearnReport } from './learn/learn-volatility.js'
import type { RecordingSession } from './open-recording-session.js'

export interface RecordingSummary {
  added: number
  replaced: number
  capped: number
  /** Interactions in the Pact file now, old and new. */
  total: number
}

/**
 * Writes what a recording holds and closes it. With `learn`, first sends each recorded GET
 * and HEAD again and makes the fields that changed type-only (`--learn`), reporting each.
 */
export async function finishRecording(
  session: RecordingSession,
  options: { learn?: { contract: Contract; onReport(report: LearnReport): void } } = {},
): Promise<RecordingSummary> {
  const { recording, upstream } = session
  await recording.recorder.flush()
  if (options.learn) {
    const client = createProbeClient({ upstream, settings: options.learn.contract.probe })
    try {
      const reports = await learnVolatility(recording, (interaction) => client.replay(interaction))
      for (const report of reports) options.learn.onReport(report)
    } finally {
      await client.close()
    }
  }
  await recording.recorder.close()
  return { ...recording.recorder.counts, total: recording.recorder.book.interactions.length }
}
