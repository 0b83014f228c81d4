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

/** For people: `2 new, 1 recorded again, 3 over the --max-per-operation cap; 6 interactions in the file`. */
export function formatRecordingSummary(summary: RecordingSummary, again: string): string {
  const capped = summary.capped > 0 ? `, ${summary.capped} over the --max-per-operation cap` : ''
  return `${summary.added} new, ${summary.replaced} ${again}${capped}; ${summary.total} interactions in the file`
}
