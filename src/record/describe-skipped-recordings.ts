import { describeUnsafeSkip, isSafeMethod } from '../probes/index.js'
import type { Recording } from './create-recording.js'

/**
 * Warnings for the interactions this recording stored that `verify` will skip (writes without
 * `probe.allowUnsafe`), one per method, each saying how to have them replayed; none when
 * every one will be replayed.
 * @example
 * describeSkippedRecordings(recording, false)
 * // ['2 interactions recorded now will be skipped by verify (create post, POST /posts → 201 #2): POST is not replayed, …']
 */
export function describeSkippedRecordings(recording: Recording, allowUnsafe: boolean): string[] {
  if (allowUnsafe) return []
  const byMethod = new Map<string, string[]>()
  for (const key of recording.recordedKeys()) {
    const interaction = recording.recorder.book.find(key)
    if (!interaction) continue
    const method = interaction.request.method.toUpperCase()
    if (isSafeMethod(method)) continue
    const names = byMethod.get(method)
    if (names) names.push(interaction.description)
    else byMethod.set(method, [interaction.description])
  }
  return [...byMethod].map(([method, names]) => {
    const shown =
      names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '')
    const noun = names.length === 1 ? 'interaction recorded now' : 'interactions recorded now'
    return `${names.length} ${noun} will be skipped by verify (${shown}): ${describeUnsafeSkip(method)}`
  })
}
