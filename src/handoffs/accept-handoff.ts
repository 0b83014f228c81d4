import { findAddress } from '../alerts/index.js'
import { UpcheckError, type Contract, type Handoff } from '../model/index.js'
import {
  buildHandoffAcceptedReceipt,
  type PersonalKey,
  type ReceiptSigner,
  type ReceiptSubject,
} from '../receipts/index.js'
import type { HandoffDeps } from './handoff-deps.js'

/**
 * Completes the pending handoff of `contract` as `person`, whose key must carry the new
 * owner's e-mail address: the handoff-accepted receipt is signed by the instance and
 * countersigned by the person, in the transaction that closes the handoff.
 * @throws `USAGE` when no handoff is pending or the file names another owner than the
 * handoff (a verify has not seen the edit yet); `HANDOFF_REFUSED` when the key is not the new owner's.
 */
export async function acceptOwnerHandoff(
  contract: Contract,
  person: PersonalKey,
  deps: Pick<HandoffDeps, 'store' | 'clock'> & {
    signer: ReceiptSigner
    subjects: ReceiptSubject[]
  },
): Promise<Handoff & { acceptedAt: string }> {
  const pending = await deps.store.pendingHandoff(contract.name)
  if (!pending)
    throw new UpcheckError(
      'USAGE',
      `No handoff of ${contract.name} is pending: its owner is ${contract.owner}. A handoff starts when a verify or the daemon sees a new owner: in the contract file.`,
    )
  if (pending.toOwner !== contract.owner)
    throw new UpcheckError(
      'USAGE',
      `The pending handoff of ${contract.name} is to ${pending.toOwner}, but its file now names ${contract.owner}. Run upcheck verify first, so the handoff follows the file.`,
    )
  const owner = findAddress(pending.toOwner)?.toLowerCase()
  const signer = findAddress(person.name)?.toLowerCase()
  if (owner === undefined || signer !== owner)
    throw new UpcheckError(
      'HANDOFF_REFUSED',
      owner === undefined
        ? `The handoff of ${contract.name} is to "${pending.toOwner}", which has no e-mail address to match a key against. Write the owner as "Name <email>" and run upcheck verify.`
        : `Refused: the key is ${person.name}'s, but the handoff of ${contract.name} is to ${pending.toOwner}. Only the new owner can accept it, with a key made by: upcheck keys create --name "${pending.toOwner}".`,
    )
  const acceptedAt = new Date(deps.clock.now()).toISOString()
  const countersigned = { ...deps.signer, keys: [...deps.signer.keys, person] }
  const accepted = await deps.store.acceptHandoff(
    contract.name,
    acceptedAt,
    buildHandoffAcceptedReceipt(
      { ...pending, acceptedAt },
      person.name,
      deps.subjects,
      countersigned,
    ),
  )
  if (!accepted)
    throw new UpcheckError(
      'USAGE',
      `The handoff of ${contract.name} was completed or replaced meanwhile; see upcheck status.`,
    )
  return { ...accepted, acceptedAt }
}
