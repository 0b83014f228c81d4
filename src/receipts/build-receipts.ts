import { readFile } from 'node:fs/promises'
import type {
  BaselineAcceptance,
  BuildReceipt,
  NewReceipt,
  ReceiptLink,
  Run,
} from '../model/index.js'
import { serializeEvidence } from '../model/index.js'
import { buildStatement, type ReceiptKind, type ReceiptSubject } from './receipt-statement.js'
import type { ReceiptSigner } from './receipt-signer.js'
import { sha256Hex, signReceipt } from './sign-receipt.js'

/** A file a receipt speaks of, named as given, with the sha256 of its bytes as they are now. */
export async function describeFile(name: string, file: string): Promise<ReceiptSubject> {
  return { name, digest: { sha256: sha256Hex(await readFile(file)) } }
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
