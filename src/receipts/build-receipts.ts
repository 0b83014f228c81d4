import { readFileBytes } from '../files/index.js'
import type {
  BaselineAcceptance,
  BuildReceipt,
  Handoff,
  KnownContract,
  NewReceipt,
  OwnerChange,
  ReceiptLink,
  Run,
} from '../model/index.js'
import { serializeEvidence } from '../model/index.js'
import { keyIdOf, publicKeyPem, type SigningKey } from './receipt-key.js'
import { buildStatement, type ReceiptKind, type ReceiptSubject } from './receipt-statement.js'
import type { ReceiptSigner } from './receipt-signer.js'
import { sha256Hex, signReceipt } from './sign-receipt.js'

/**
 * A file a receipt speaks of, named as given, with the sha256 of its bytes as they are now.
 * @throws for anything but a regular file (a FIFO named as interactions never stalls it).
 */
export async function describeFile(name: string, file: string): Promise<ReceiptSubject> {
  const bytes = await readFileBytes(file, { code: 'CONTRACT_UNREADABLE' })
  return { name, digest: { sha256: sha256Hex(bytes) } }
}

/**
 * The receipt of a run: its status and counts, the digest of all its findings, and the
 * breaking findings themselves (scrubbed with the run), so a reader sees what broke without
 * the store; with the digest of the failing exchanges kept as evidence, so they cannot be
 * swapped later, and the cron slot the run was for.
 */
export function buildRunReceipt(
  run: Run,
  subjects: ReceiptSubject[],
  signer: ReceiptSigner,
): BuildReceipt {
  return chained('run', run.contract, run.finishedAt, subjects, signer, signer.by, {
    runId: run.id,
    status: run.status,
    counts: run.counts,
    findingsDigest: sha256Hex(JSON.stringify(run.findings)),
    breakingFindings: run.findings.filter((finding) => finding.severity === 'breaking'),
    ...(run.slot !== undefined && { slot: run.slot }),
    ...(run.evidence && { evidenceDigest: sha256Hex(serializeEvidence(run.evidence)) }),
  })
}

/** The receipt of a baseline acceptance, by whoever accepted it (their key countersigns). */
export function buildBaselineReceipt(
  acceptance: BaselineAcceptance,
  subjects: ReceiptSubject[],
  signer: ReceiptSigner,
): BuildReceipt {
  return chained(
    'baseline-accepted',
    acceptance.contract,
    acceptance.acceptedAt,
    subjects,
    signer,
    acceptance.acceptedBy,
    {
      source: acceptance.source,
      baselineFile: acceptance.baselineFile,
      baselineSha256: acceptance.sha256,
      changes: acceptance.changes,
    },
  )
}

/** The receipt of a contract's first sighting in the folder (or its return after a removal). */
export function buildContractAddedReceipt(
  seen: KnownContract,
  subjects: ReceiptSubject[],
  signer: ReceiptSigner,
): BuildReceipt {
  return chained('contract-added', seen.contract, seen.firstSeenAt, subjects, signer, signer.by, {
    owner: seen.owner,
  })
}

/** The receipt of a contract whose file left the folder. */
export function buildContractRemovedReceipt(
  known: Pick<KnownContract, 'contract' | 'owner'>,
  at: string,
  signer: ReceiptSigner,
): BuildReceipt {
  return chained('contract-removed', known.contract, at, [], signer, signer.by, {
    lastOwner: known.owner,
  })
}

/**
 * The receipt of an edit of `owner:`, and the handoff it opens (`null` when it withdraws a
 * pending one, the owner being set back to the one who held the contract).
 */
export function buildOwnerChangedReceipt(
  change: OwnerChange,
  handoff: Pick<Handoff, 'fromOwner' | 'toOwner'> | undefined,
  subjects: ReceiptSubject[],
  signer: ReceiptSigner,
): BuildReceipt {
  return chained('owner-changed', change.contract, change.at, subjects, signer, signer.by, {
    previousOwner: change.previousOwner,
    owner: change.owner,
    handoff: handoff ? { from: handoff.fromOwner, to: handoff.toOwner } : null,
  })
}

/**
 * The receipt of a completed handoff, by the new owner: `signer` holds the instance key and
 * then the person's, so both sign the same envelope.
 */
export function buildHandoffAcceptedReceipt(
  handoff: Handoff & { acceptedAt: string },
  acceptedBy: string,
  subjects: ReceiptSubject[],
  signer: ReceiptSigner,
): BuildReceipt {
  return chained(
    'handoff-accepted',
    handoff.contract,
    handoff.acceptedAt,
    subjects,
    signer,
    acceptedBy,
    {
      fromOwner: handoff.fromOwner,
      toOwner: handoff.toOwner,
      pendingSince: handoff.startedAt,
      signers: signer.keys.map((key) => key.keyid),
    },
  )
}

/**
 * The receipt of an instance key rotation, signed by the retiring key alone: it names its
 * successor and carries its public key, so a verifier that trusts the old key learns the new
 * one from the chain itself.
 */
export function buildKeyRotatedReceipt(
  contract: string,
  at: string,
  retiring: SigningKey,
  successor: SigningKey,
  signer: Omit<ReceiptSigner, 'keys'>,
): BuildReceipt {
  return chained('key-rotated', contract, at, [], { ...signer, keys: [retiring] }, signer.by, {
    oldKeyid: retiring.keyid,
    newKeyid: keyIdOf(successor.publicKey),
    newPublicKey: publicKeyPem(successor.publicKey),
  })
}

function chained(
  kind: ReceiptKind,
  contract: string,
  at: string,
  subject: ReceiptSubject[],
  signer: ReceiptSigner,
  by: string,
  facts: Record<string, unknown>,
): BuildReceipt {
  return (previous: ReceiptLink | undefined): NewReceipt => {
    const statement = buildStatement(kind, subject, {
      contract,
      sequence: (previous?.sequence ?? 0) + 1,
      previous: previous?.digest ?? null,
      at,
      by,
      upcheckVersion: signer.upcheckVersion,
      ...facts,
    })
    const { envelope, digest } = signReceipt(statement, signer.keys)
    return { kind, digest, envelope, createdAt: at }
  }
}
