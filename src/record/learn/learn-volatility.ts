import type { HttpInteraction } from '../../model/index.js'
import type { ProbeExchange } from '../../probes/index.js'
import type { Recording } from '../create-recording.js'
import { learnFromSecondAnswer } from './learn-from-second-answer.js'

/** Sends one recorded request again, as a probe would (the contract's headers in place of redacted ones). */
export type Replay = (interaction: HttpInteraction) => Promise<ProbeExchange>

export interface LearnReport {
  description: string
  varying: string[]
  notes: string[]
}

const SAFE = new Set(['GET', 'HEAD'])

/**
 * For each interaction this recording wrote whose request is safe to send again (GET, HEAD),
 * asks the upstream once more and marks the fields whose values changed as type-only.
 * Requests go one at a time: learning is a few calls, and the upstream is someone's API.
 */
export async function learnVolatility(
  recording: Recording,
  replay: Replay,
): Promise<LearnReport[]> {
  const reports: LearnReport[] = []
  for (const key of recording.recordedKeys()) {
    const interaction = recording.recorder.book.find(key)
    if (!interaction || !SAFE.has(interaction.request.method.toUpperCase())) continue
    const learned = learnFromSecondAnswer(interaction, await replay(interaction))
    if (learned.interaction !== interaction) recording.recorder.revise(learned.interaction)
    reports.push({
      description: interaction.description,
      varying: learned.varying,
      notes: learned.notes,
    })
  }
  return reports
}
