export type { CapturedExchange, HeaderPairs } from './captured-exchange.js'
export { collectSecretValues } from './collect-secret-values.js'
export {
  createRecording,
  formatTakeResult,
  type Recording,
  type RecordingOptions,
  type TakeResult,
} from './create-recording.js'
export { generaliseResponse, mediaTypeRule } from './generalise-response.js'
export {
  createInteractionBook,
  type AddOutcome,
  type BookOptions,
  type InteractionBook,
} from './interaction-book.js'
export { openPactDocument } from './open-pact-document.js'
export { createPactRecorder, type PactRecorder, type PactRecorderOptions } from './pact-recorder.js'
export { describeExchange, prepareInteraction, type PrepareOptions } from './prepare-interaction.js'
export { readCapturedExchange } from './read-captured-exchange.js'
export {
  describeTarget,
  locateInTarget,
  prepareRecordingTarget,
  type RecordingTarget,
} from './recording-target.js'
export { redactRequest, redactResponse } from './redact-interaction.js'
export {
  createRedactionPolicy,
  REDACTED,
  type RedactionPolicy,
  type RedactionPolicyOptions,
} from './redaction-policy.js'
export { computeRequestKey, normaliseRequestForKey } from './request-key.js'
export { isSecretFieldName, isSecretHeaderName, isSecretQueryName } from './secret-names.js'
export { isVolatileRequestHeader, isVolatileResponseHeader } from './volatile-headers.js'
export {
  startRecordingProxy,
  type ProxyProblem,
  type RecordingProxy,
  type RecordingProxyOptions,
} from './proxy/start-recording-proxy.js'
export { openExchangeChannel, type ExchangeChannel } from './in-process/exchange-channel.js'
export {
  runRecordedCommand,
  type CommandExit,
  type RecordedCommandOptions,
} from './in-process/run-recorded-command.js'
export { readImportFile, type ImportContents, type ImportItem } from './import/read-import-file.js'
export { readHar, type HarContents, type HarExchange } from './import/read-har.js'
export { learnVolatility, type LearnReport, type Replay } from './learn/learn-volatility.js'
export { learnFromSecondAnswer, type Learned } from './learn/learn-from-second-answer.js'
export {
  openRecordingSession,
  type RecordingSession,
  type RecordingSessionOptions,
} from './open-recording-session.js'
export { recordThroughProxy, type RecordThroughProxyOptions } from './record-through-proxy.js'
export { recordProgram, type RecordProgramOptions } from './record-program.js'
export {
  finishRecording,
  formatRecordingSummary,
  type RecordingSummary,
} from './finish-recording.js'
export { importIntoRecording } from './import-into-recording.js'
export { findUnsuppliedPlaceholders } from './find-unsupplied-placeholders.js'
export { removeInteractions } from './remove-interactions.js'
export { describeSkippedRecordings } from './describe-skipped-recordings.js'
