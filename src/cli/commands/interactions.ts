import { relative } from 'node:path'
import { readPactFile } from '../../interactions/index.js'
import { isHttpInteraction } from '../../model/index.js'
import { removeInteractions } from '../../record/index.js'
import { describeOperation, describeReplay } from '../../runs/index.js'
import type { CliIo } from '../cli-io.js'
import { EXIT } from '../exit-code.js'
import type { GlobalOptions } from '../global-options.js'
import { findContract } from '../load-workspace.js'

export interface InteractionsFlags extends GlobalOptions {
  /** A description or V4 key: that interaction is removed from the Pact file. */
  remove?: string
}

/**
 * `upcheck interactions <contract> [--json]`: what the contract's Pact file holds and whether
 * verify replays each; `--remove DESCRIPTION|KEY` takes one out of the file.
 */
export async function runInteractionsCommand(
  name: string,
  flags: InteractionsFlags,
  io: CliIo,
): Promise<number> {
  const cwd = io.cwd()
  const contract = await findContract(name, flags, cwd)
  const shownFile = relative(cwd, contract.interactionsFile) || contract.interactionsFile
  if (flags.remove !== undefined) {
    const removed = await removeInteractions(contract.interactionsFile, flags.remove)
    if (flags.json) io.stdout.write(`${JSON.stringify({ file: shownFile, removed })}\n`)
    else if (!flags.quiet)
      io.stdout.write(
        `removed ${removed.length} interaction(s) from ${shownFile}: ${removed.map((d) => `"${d}"`).join(', ')}\n`,
      )
    return EXIT.ok
  }
  const pact = await readPactFile(contract.interactionsFile)
  const rows = pact.interactions.map((interaction) => {
    const decision = describeReplay(interaction, contract.probe)
    return {
      description: interaction.description,
      ...(interaction.key !== undefined && { key: interaction.key }),
      operation: isHttpInteraction(interaction)
        ? describeOperation(interaction.request.method, interaction.request.path)
        : interaction.type,
      ...(isHttpInteraction(interaction) && { status: interaction.response.status }),
      replayed: decision.replayed,
      ...(!decision.replayed && { reason: decision.reason }),
    }
  })
  if (flags.json) {
    io.stdout.write(
      `${JSON.stringify({ contract: contract.name, file: shownFile, interactions: rows }, null, 2)}\n`,
    )
    return EXIT.ok
  }
  if (flags.quiet) return EXIT.ok
  const out = rows.map(
    (r) =>
      `${r.replayed ? '  ' : '- '}${r.description}  ${r.operation}${r.status === undefined ? '' : ` → ${r.status}`}${r.key ? `  [${r.key}]` : ''}${r.reason ? `\n    not replayed: ${r.reason}` : ''}\n`,
  )
  const replayed = rows.filter((r) => r.replayed).length
  io.stdout.write(
    `${contract.name}: ${rows.length} interaction(s) in ${shownFile}, ${replayed} replayed by verify\n${out.join('')}`,
  )
  return EXIT.ok
}
