import { relative, resolve } from 'node:path'
import { acceptOwnerHandoff } from '../../handoffs/index.js'
import { UpcheckError } from '../../model/index.js'
import { openInstanceSigner } from '../../receipts/index.js'
import { openStore } from '../../store/index.js'
import type { CliIo } from '../cli-io.js'
import { EXIT } from '../exit-code.js'
import type { GlobalOptions } from '../global-options.js'
import { loadWorkspace, unknownContractError } from '../load-workspace.js'
import { readKeyFlag } from '../read-key-flag.js'
import { createStderrLines } from '../stderr-lines.js'
import { describeContractFiles } from '../wiring.js'
import { loadWorkspaceKeys } from './receipts.js'

export interface OwnerAcceptFlags extends GlobalOptions {
  /** The new owner's personal key (`upcheck keys create`): it countersigns the receipt. */
  key?: string
}

/**
 * `upcheck owner accept <contract> --key FILE`: the new owner completes a pending handoff. The
 * receipt is signed by the instance and by the person, whose key must carry the new owner's
 * e-mail address.
 * @note Without `--key` it is refused: an acceptance nobody signed would only say that someone
 * with access to this machine ran a command, which is what the handoff exists to go beyond.
 */
export async function runOwnerAcceptCommand(
  name: string,
  flags: OwnerAcceptFlags,
  io: CliIo,
): Promise<number> {
  if (!flags.key)
    throw new UpcheckError(
      'USAGE',
      `owner accept needs --key FILE: a handoff is accepted with the new owner's own signature. Make a key with upcheck keys create --name "Your Name <you@example.com>", commit the public key it prints to keys/, then run upcheck owner accept ${name} --key <the file it wrote>.`,
    )
  const cwd = io.cwd()
  const workspace = await loadWorkspace(flags, cwd)
  const contract = workspace.contracts.find((c) => c.name === name)
  if (!contract) throw unknownContractError(workspace, name, cwd)
  const person = await readKeyFlag(resolve(cwd, flags.key))
  const signer = await openInstanceSigner(workspace.config.store, cwd)
  const store = await openStore(workspace.config, io.env)
  let accepted
  let head
  try {
    accepted = await acceptOwnerHandoff(contract, person, {
      store,
      clock: { now: () => Date.now() },
      signer,
      subjects: await describeContractFiles(contract),
    })
    head = await store.receiptHead(contract.name)
  } finally {
    await store.close()
  }
  const trusted = await loadWorkspaceKeys(workspace, cwd)
  if (!trusted.has(person.keyid))
    createStderrLines(io).warning(
      `your public key (keyid ${person.keyid.slice(0, 16)}…) is not in ${relative(cwd, resolve(workspace.contractsDir, '..', 'keys')) || 'keys'}/: commit it there, or receipts --verify reports this receipt's signer as unknown.`,
    )
  if (flags.json)
    io.stdout.write(
      `${JSON.stringify({ ...accepted, acceptedBy: person.name, keyid: person.keyid, receipt: head }, null, 2)}\n`,
    )
  else if (!flags.quiet)
    io.stdout.write(
      `${contract.name}: handoff from ${accepted.fromOwner} accepted by ${person.name} at ${accepted.acceptedAt}; receipt #${head?.sequence} (sha256 ${head?.digest.slice(0, 16)}…) signed by this instance and countersigned by your key ${person.keyid.slice(0, 16)}….\n`,
    )
  return EXIT.ok
}
