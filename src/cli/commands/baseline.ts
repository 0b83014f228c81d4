import { relative, resolve } from 'node:path'
import { acceptBaseline } from '../../baseline/index.js'
import { UpcheckError } from '../../model/index.js'
import { buildBaselineReceipt, openInstanceSigner } from '../../receipts/index.js'
import { openStore } from '../../store/index.js'
import type { CliIo } from '../cli-io.js'
import { EXIT } from '../exit-code.js'
import type { GlobalOptions } from '../global-options.js'
import { loadWorkspace, unknownContractError } from '../load-workspace.js'
import { readKeyFlag } from '../read-key-flag.js'
import { createUpstreamSpecReader, describeContractFiles } from '../wiring.js'

export interface BaselineFlags extends GlobalOptions {
  /** Who accepts; default the login name. */
  by?: string
  lenient?: boolean
  /** A personal key file: countersigns the acceptance's receipt, and names who accepted. */
  key?: string
}

/**
 * `upcheck baseline accept <contract>`: shows how the upstream's live spec differs from the
 * pinned baseline, pins the live document, and says who accepted it and when.
 */
export async function runBaselineAcceptCommand(
  name: string,
  flags: BaselineFlags,
  io: CliIo,
): Promise<number> {
  const cwd = io.cwd()
  const workspace = await loadWorkspace(flags, cwd)
  const contract = workspace.contracts.find((c) => c.name === name)
  if (!contract) throw unknownContractError(workspace, name, cwd)
  const baselineShown = contract.baselineFile && relative(cwd, contract.baselineFile)
  const { formatDiffText } = await import('../../diff/index.js')
  const person = flags.key ? await readKeyFlag(resolve(cwd, flags.key)) : undefined
  const instance = await openInstanceSigner(workspace.config.store, cwd)
  const signer = person ? { ...instance, keys: [...instance.keys, person] } : instance
  const store = await openStore(workspace.config, io.env)
  let acceptance
  try {
    acceptance = await acceptBaseline(
      contract,
      {
        acceptedBy:
          person?.name ??
          flags.by ??
          io.env.UPCHECK_USER ??
          io.env.USER ??
          io.env.LOGNAME ??
          'unknown',
        lenient: flags.lenient === true,
        cwd,
      },
      {
        env: io.env,
        createSpecReader: createUpstreamSpecReader,
        store,
        clock: { now: () => Date.now() },
        receiptFor: async (accepted, contract) =>
          buildBaselineReceipt(accepted, await describeContractFiles(contract), signer),
        onPreviousUnreadable: (error) => {
          if (!flags.quiet)
            io.stdout.write(
              `${baselineShown} cannot be read (${error.code}); it will be replaced.\n`,
            )
        },
        onDiff: (result) => {
          if (!flags.quiet && !flags.json) io.stdout.write(`${formatDiffText(result)}\n`)
        },
      },
    )
  } finally {
    await store.close()
  }
  if (flags.json) io.stdout.write(`${JSON.stringify(acceptance, null, 2)}\n`)
  else if (!flags.quiet) {
    io.stdout.write(
      `${contract.name}: ${acceptance.baselineFile} now pins ${acceptance.source} (sha256 ${acceptance.sha256.slice(0, 12)}…), accepted by ${acceptance.acceptedBy} at ${acceptance.acceptedAt}.\n`,
    )
  }
  return EXIT.ok
}
