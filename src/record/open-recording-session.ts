import { resolveUpstream, type Environment, type ResolvedUpstream } from '../contracts/index.js'
import type { Contract, UpcheckError } from '../model/index.js'
import { collectSecretValues } from './collect-secret-values.js'
import { createRecording, type Recording } from './create-recording.js'
import { createInteractionBook } from './interaction-book.js'
import { openPactDocument } from './open-pact-document.js'
import { createPactRecorder } from './pact-recorder.js'
import { prepareRecordingTarget } from './recording-target.js'
import { createRedactionPolicy } from './redaction-policy.js'

export interface RecordingSessionOptions {
  env: Environment
  /** Keep literal values. Default false. */
  exact?: boolean
  maxPerOperation?: number
  /** The consumer named in a new Pact file. */
  consumer: string
  /** Default 2000. */
  flushEveryMs?: number
  onFlushError?: (error: UpcheckError) => void
  /** Record into memory only: the Pact file is read but never written (`import --dry-run`). */
  dryRun?: boolean
}

export interface RecordingSession {
  recording: Recording
  /** The contract's upstream with its variables filled in: memory only, for `--learn`. */
  upstream: ResolvedUpstream
}

/**
 * Everything a recorder needs for one contract: its upstream resolved (so the values it reads
 * from the environment are known and kept out of the file), the redaction policy, and its Pact
 * file opened (or a new one begun).
 * @throws UpcheckError `ENV_UNSET` / `CONTRACT_INVALID` from resolving the upstream, the Pact
 * reader's errors for an existing file that cannot be read.
 */
export async function openRecordingSession(
  contract: Contract,
  options: RecordingSessionOptions,
): Promise<RecordingSession> {
  const upstream = resolveUpstream(contract, options.env)
  const policy = createRedactionPolicy({
    secrets: collectSecretValues(upstream, options.env),
    redactPaths: contract.redact,
    contractFile: contract.file,
  })
  const document = await openPactDocument(contract.interactionsFile, {
    consumer: options.consumer,
    provider: contract.name,
  })
  const book = createInteractionBook(
    document.interactions,
    options.maxPerOperation === undefined ? {} : { maxPerOperation: options.maxPerOperation },
  )
  const recorder = createPactRecorder({
    file: contract.interactionsFile,
    document,
    book,
    ...(options.flushEveryMs !== undefined && { flushEveryMs: options.flushEveryMs }),
    ...(options.onFlushError && { onFlushError: options.onFlushError }),
    ...(options.dryRun && { write: async () => {} }),
  })
  const recording = createRecording({
    recorder,
    target: prepareRecordingTarget(upstream.baseUrl),
    policy,
    exact: options.exact === true,
    ...(options.maxPerOperation !== undefined && { maxPerOperation: options.maxPerOperation }),
  })
  return { recording, upstream }
}
