import { relative, resolve } from 'node:path'
import {
  finishRecording,
  formatRecordingSummary,
  importIntoRecording,
  readImportFile,
} from '../../record/index.js'
import type { CliIo } from '../cli-io.js'
import { EXIT } from '../exit-code.js'
import { concludeRecording, prepareRecording, type RecordOptions } from '../recording-options.js'

export type ImportOptions = Pick<
  RecordOptions,
  | 'exact'
  | 'maxPerOperation'
  | 'consumer'
  | 'contracts'
  | 'reports'
  | 'config'
  | 'json'
  | 'quiet'
  | 'dryRun'
>

/**
 * `upcheck import <contract> <file>`: adds the exchanges of a HAR 1.2 file (those with the
 * contract's origin and base path) or the HTTP interactions of a Pact file to the contract's
 * interactions, redacted, generalised and deduplicated as `record` does.
 */
export async function runImportCommand(
  contractName: string,
  file: string,
  options: ImportOptions,
  io: CliIo,
): Promise<number> {
  const cwd = io.cwd()
  const prepared = await prepareRecording(contractName, options, io)
  const { contract, lines, say } = prepared
  const contents = await readImportFile(resolve(cwd, file), file)
  const session = await prepared.open()
  const skipped = importIntoRecording(session, contents, say)
  const summary = await finishRecording(session)
  const target = relative(cwd, contract.interactionsFile) || contract.interactionsFile
  const dry = options.dryRun === true
  say(
    `upcheck import${dry ? ' --dry-run' : ''}: ${file} → ${target}${dry ? ' (not written)' : ''}: ${formatRecordingSummary(summary, 'again')}`,
  )
  const noun = (count: number) =>
    contents.format === 'har'
      ? count === 1
        ? 'entry'
        : 'entries'
      : count === 1
        ? 'interaction'
        : 'interactions'
  for (const [reason, count] of skipped) say(`  ${count} ${noun(count)} left out: ${reason}`)
  if (contents.ignored > 0)
    say(
      `  ${contents.ignored} ${noun(contents.ignored)} left out: ${contents.format === 'har' ? 'no response (blocked or failed in the browser)' : 'message interactions (upcheck replays HTTP only)'}`,
    )
  if (summary.added + summary.replaced === 0) {
    const { recording } = session
    lines.warning(
      `nothing was imported from ${file}: no entry is for ${recording.policy.scrub(recording.target.origin + recording.target.pathPrefix)}. Check the contract's upstream.baseUrl.`,
    )
  }
  // A dry run changes nothing: no baseline is pinned either.
  if (!dry) await concludeRecording(prepared, session, io, 'import')
  return EXIT.ok
}
