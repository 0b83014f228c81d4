import { relative, resolve } from 'node:path'
import { formatTakeResult, readImportFile } from '../../record/index.js'
import type { CliIo } from '../cli-io.js'
import { EXIT } from '../exit-code.js'
import {
  adviseOnPlaceholders,
  findContract,
  openSession,
  parseMaxPerOperation,
  type RecordOptions,
} from './record.js'

export type ImportOptions = Pick<
  RecordOptions,
  'exact' | 'maxPerOperation' | 'consumer' | 'contracts' | 'reports' | 'config' | 'json' | 'quiet'
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
  parseMaxPerOperation(options.maxPerOperation)
  const cwd = io.cwd()
  const contract = await findContract(contractName, options, cwd)
  const contents = await readImportFile(resolve(cwd, file), file)
  const { recording } = await openSession(contract, options, io)
  const say = (line: string) => {
    if (!options.quiet) io.stdout.write(`${line}\n`)
  }
  const skipped = new Map<string, number>()
  for (const item of contents.items) {
    const result =
      item.kind === 'exchange'
        ? recording.take(item.exchange)
        : recording.takeInteraction(item.interaction)
    if (result.kind === 'skipped') skipped.set(result.reason, (skipped.get(result.reason) ?? 0) + 1)
    else say(formatTakeResult(result))
  }
  await recording.recorder.close()
  const { added, replaced, capped } = recording.recorder.counts
  const target = relative(cwd, contract.interactionsFile) || contract.interactionsFile
  say(
    `upcheck import: ${file} → ${target}: ${added} new, ${replaced} again${capped > 0 ? `, ${capped} over the --max-per-operation cap` : ''}; ${recording.recorder.book.interactions.length} interactions in the file`,
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
  if (added + replaced === 0)
    io.stderr.write(
      `upcheck: nothing was imported from ${file}: no entry is for ${recording.policy.scrub(recording.target.origin + recording.target.pathPrefix)}. Check the contract's upstream.baseUrl.\n`,
    )
  adviseOnPlaceholders(recording, contract, io)
  return EXIT.ok
}
