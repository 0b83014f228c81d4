import { UpcheckError, type HttpInteraction, type PactDocument } from '../model/index.js'
import { writePact } from '../interactions/index.js'
import type { AddOutcome, InteractionBook } from './interaction-book.js'
import { writeFileAtomically } from '../files/index.js'

/** Appends interactions to a Pact file, writing it out every few seconds and when closed. */
export interface PactRecorder {
  /** Adds an interaction (deduplicated by the book); it reaches the file at the next flush. */
  record(interaction: HttpInteraction): AddOutcome
  /** Replaces an interaction recorded before (same key) with a revised one, without counting it as recorded. */
  revise(interaction: HttpInteraction): void
  /** Writes the file now when something changed since the last write. */
  flush(): Promise<void>
  /** Stops the timer and flushes. */
  close(): Promise<void>
  readonly book: InteractionBook
  /** How many interactions were added, replaced and capped so far. */
  readonly counts: Readonly<Record<AddOutcome, number>>
}

export interface PactRecorderOptions {
  file: string
  document: PactDocument
  book: InteractionBook
  /** Ms between writes while recording. Default 2000: a crash loses at most that much. */
  flushEveryMs?: number
  /** Default: {@link writeFileAtomically}. */
  write?: (file: string, text: string) => Promise<void>
  /** Told when a timed flush fails; the next flush tries again. */
  onFlushError?: (error: UpcheckError) => void
}

export function createPactRecorder(options: PactRecorderOptions): PactRecorder {
  const write = options.write ?? writeFileAtomically
  const counts: Record<AddOutcome, number> = { added: 0, replaced: 0, capped: 0 }
  let version = 0
  let written = 0
  // Writes run one after another: a timed flush and a final one never race on the file.
  let queue: Promise<void> = Promise.resolve()

  const flush = (): Promise<void> => {
    const run = queue.then(async () => {
      if (version === written) return
      const target = version
      const text = writePact({ ...options.document, interactions: [...options.book.interactions] })
      try {
        await write(options.file, text)
      } catch (error) {
        throw new UpcheckError(
          'RECORD_FAILED',
          `Failed to write ${options.file}: ${(error as Error).message}. Check that the folder exists and is writable.`,
          { cause: error, location: { file: options.file } },
        )
      }
      written = target
    })
    queue = run.catch(() => undefined)
    return run
  }

  const timer = setInterval(() => {
    flush().catch((error: UpcheckError) => options.onFlushError?.(error))
  }, options.flushEveryMs ?? 2000)
  timer.unref()

  return {
    book: options.book,
    counts,
    record(interaction) {
      const outcome = options.book.add(interaction)
      counts[outcome]++
      if (outcome !== 'capped') version++
      return outcome
    },
    revise(interaction) {
      options.book.add(interaction)
      version++
    },
    flush,
    async close() {
      clearInterval(timer)
      await flush()
    },
  }
}
