import { access } from 'node:fs/promises'
import { relative, isAbsolute } from 'node:path'
import { findAddress, planHandoffAlerts } from '../alerts/index.js'
import type { Contract, Handoff, KnownContract } from '../model/index.js'
import {
  buildContractAddedReceipt,
  buildContractRemovedReceipt,
  buildOwnerChangedReceipt,
} from '../receipts/index.js'
import { collectHandoffFacts } from './collect-handoff-facts.js'
import type { HandoffDeps } from './handoff-deps.js'

export interface ReconcileOutcome {
  /** Contracts seen for the first time (or again after a removal). */
  added: string[]
  /** Known contracts whose file left the folder. */
  removed: string[]
  /** Handoffs opened by an edit of `owner:`. */
  handoffs: Handoff[]
}

/**
 * Compares the contracts a pass loaded with the ones the store knows, and receipts what
 * changed: a contract first seen, a contract whose file left `contractsDir`, and an edit of
 * `owner:`, which opens a handoff and queues the e-mails to both owners. Each is written in one
 * transaction with its receipt, and only once, however many workers see it.
 * @note A known contract counts as removed only when its file is gone (or now holds another
 * contract) inside this folder: a file that fails to load, or a store shared with another
 * folder, removes nothing.
 */
export async function reconcileContracts(
  contracts: readonly Contract[],
  contractsDir: string,
  deps: HandoffDeps,
): Promise<ReconcileOutcome> {
  const { store, signer } = deps
  const at = new Date(deps.clock.now()).toISOString()
  const outcome: ReconcileOutcome = { added: [], removed: [], handoffs: [] }
  const known = new Map((await store.listKnownContracts()).map((k) => [k.contract, k]))
  for (const contract of contracts) {
    const seen = { contract: contract.name, owner: contract.owner, file: contract.file }
    const before = known.get(contract.name)
    if (!before) {
      const first = { ...seen, firstSeenAt: at }
      const receipt = buildContractAddedReceipt(first, await deps.describeFiles(contract), signer)
      if (await store.recordContractSeen(first, receipt)) outcome.added.push(contract.name)
      continue
    }
    if (before.file !== contract.file)
      await store.recordContractSeen({ ...seen, firstSeenAt: before.firstSeenAt })
    if (before.owner !== contract.owner) {
      const handoff = await changeOwner(contract, before, at, deps)
      if (handoff) outcome.handoffs.push(handoff)
    }
  }
  const loaded = new Set(contracts.map((c) => c.name))
  const files = new Set(contracts.map((c) => c.file))
  for (const gone of known.values()) {
    if (loaded.has(gone.contract) || !isInside(gone.file, contractsDir)) continue
    if (!files.has(gone.file) && (await exists(gone.file))) continue
    const receipt = buildContractRemovedReceipt(gone, at, signer)
    if (await store.recordContractRemoved(gone.contract, at, receipt))
      outcome.removed.push(gone.contract)
  }
  return outcome
}

/**
 * Records an edit of `owner:`. The handoff runs from whoever held the contract: the known
 * owner, or, when a handoff was pending already (its new owner never accepted), that one's
 * old owner. Set back to that person, the pending handoff is withdrawn and nobody is mailed.
 */
async function changeOwner(
  contract: Contract,
  before: KnownContract,
  at: string,
  deps: HandoffDeps,
): Promise<Handoff | undefined> {
  const { store } = deps
  const pending = await store.pendingHandoff(contract.name)
  const from = pending?.fromOwner ?? before.owner
  const handoff = isSameOwner(from, contract.owner)
    ? undefined
    : { contract: contract.name, fromOwner: from, toOwner: contract.owner, startedAt: at }
  const change = {
    contract: contract.name,
    previousOwner: before.owner,
    owner: contract.owner,
    at,
  }
  const facts = handoff && deps.alerts && (await collectHandoffFacts(contract, handoff, deps))
  const plan = deps.alerts
  const recorded = await store.recordOwnerChange(change, {
    ...(handoff && { handoff }),
    receipt: buildOwnerChangedReceipt(
      change,
      handoff,
      await deps.describeFiles(contract),
      deps.signer,
    ),
    ...(facts &&
      plan && {
        // The head is the owner-change receipt itself: everything before it is what is handed over.
        alerts: (receipt) =>
          planHandoffAlerts(
            {
              ...facts,
              ...(receipt && {
                receiptHead: { sequence: receipt.sequence, digest: receipt.digest },
              }),
            },
            ['new-owner', 'old-owner'],
            plan,
          ),
      }),
  })
  return recorded ? handoff : undefined
}

/** The same person: the same e-mail address, or the same text when either has none. */
function isSameOwner(a: string, b: string): boolean {
  const left = findAddress(a)?.toLowerCase()
  const right = findAddress(b)?.toLowerCase()
  return left !== undefined && right !== undefined ? left === right : a.trim() === b.trim()
}

function isInside(file: string, folder: string): boolean {
  const path = relative(folder, file)
  return path !== '' && !path.startsWith('..') && !isAbsolute(path)
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  )
}
