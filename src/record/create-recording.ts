import type { HttpInteraction } from '../model/index.js'
import type { CapturedExchange } from './captured-exchange.js'
import type { AddOutcome } from './interaction-book.js'
import type { PactRecorder } from './pact-recorder.js'
import { prepareInteraction } from './prepare-interaction.js'
import { readCapturedExchange } from './read-captured-exchange.js'
import type { RecordingTarget } from './recording-target.js'
import type { RedactionPolicy } from './redaction-policy.js'
import { encodeQuery } from './encode-query.js'

/** What became of one exchange. Every string in it is redacted: it is fit to print. */
export type TakeResult =
  | { kind: 'recorded'; outcome: AddOutcome; interaction: HttpInteraction }
  | { kind: 'skipped'; method: string; path: string; reason: string }

/** Takes exchanges from a recorder (proxy, in-process, import) into a contract's Pact file. */
export interface Recording {
  take(exchange: CapturedExchange): TakeResult
  /** An interaction from another Pact file: redacted, and generalised unless it has rules of its own. */
  takeInteraction(interaction: HttpInteraction): TakeResult
  /** Keys of the interactions this recording added or replaced, in the order first seen. */
  recordedKeys(): string[]
  readonly recorder: PactRecorder
  readonly target: RecordingTarget
  readonly policy: RedactionPolicy
}

export interface RecordingOptions {
  recorder: PactRecorder
  target: RecordingTarget
  policy: RedactionPolicy
  /** Keep literal values. Default false. */
  exact?: boolean
  /** How many interactions a cap (`--max-per-operation`) allows, for the words of a capped line. */
  maxPerOperation?: number
}

export function createRecording(options: RecordingOptions): Recording {
  const { recorder, target, policy } = options
  const keys = new Set<string>()
  const findEarlier = (key: string) => recorder.book.find(key)
  const record = (interaction: HttpInteraction): TakeResult => {
    const outcome = recorder.record(interaction)
    if (outcome === 'capped') return { kind: 'recorded', outcome, interaction }
    keys.add(interaction.key!)
    // The book may have kept an earlier name or numbered this one: show what the file says.
    return {
      kind: 'recorded',
      outcome,
      interaction: recorder.book.find(interaction.key!) ?? interaction,
    }
  }
  return {
    recordedKeys: () => [...keys],
    recorder,
    target,
    policy,
    take(exchange) {
      const read = readCapturedExchange(exchange, target)
      if (read.kind === 'skipped') {
        const path = policy.scrub(URL.canParse(exchange.url) ? new URL(exchange.url).pathname : '?')
        return { kind: 'skipped', method: exchange.method.toUpperCase(), path, reason: read.reason }
      }
      return record(
        prepareInteraction(read, { policy, exact: options.exact === true, earlier: findEarlier }),
      )
    },
    takeInteraction(interaction) {
      const { request, response, description } = interaction
      return record(
        prepareInteraction(
          { request, response, description },
          { policy, exact: options.exact === true, earlier: findEarlier },
        ),
      )
    },
  }
}

const OUTCOME_WORDS: Record<AddOutcome, string> = {
  added: 'recorded',
  replaced: 'recorded again (the newest answer is kept)',
  capped: 'not kept: the --max-per-operation cap is reached',
}

/**
 * One line for people: `GET /posts/1 → 200  recorded as "GET /posts/{id} → 200"`. Built from
 * the redacted interaction, never from a header.
 */
export function formatTakeResult(result: TakeResult): string {
  if (result.kind === 'skipped')
    return `${result.method} ${result.path}  not recorded: ${result.reason}`
  const { request, response } = result.interaction
  const query = encodeQuery(request.query)
  const target = `${request.method} ${request.path}${query === '' ? '' : `?${query}`} → ${response.status}`
  return result.outcome === 'capped'
    ? `${target}  ${OUTCOME_WORDS.capped}`
    : `${target}  ${OUTCOME_WORDS[result.outcome]} as "${result.interaction.description}"`
}
