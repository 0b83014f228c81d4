import { serializeEvidence, type Run, type StoredReceipt } from '../model/index.js'
import { envelopePayload } from './dsse-envelope.js'
import { sha256Hex } from './sign-receipt.js'

/** Whether a stored run's evidence is what its receipt committed to. */
export type EvidenceCheck =
  /** The receipt names this run and the evidence's digest (or no evidence, and neither does the run). */
  | { state: 'intact'; digest?: string }
  /** The run was stored without a receipt (`verify` with no instance key): nothing to check against. */
  | { state: 'unreceipted'; digest?: string }
  /** The store's evidence (or run id) differs from what the receipt signed: changed after the run. */
  | { state: 'mismatch'; digest?: string; receiptDigest?: string; detail: string }

/**
 * Checks a run's stored evidence against its receipt's `evidenceDigest`, so a reader knows
 * the exchanges shown are the ones the run saw. The signature itself is `receipts --verify`'s.
 */
export function checkRunEvidence(run: Run, receipt: StoredReceipt | undefined): EvidenceCheck {
  const digest = run.evidence && sha256Hex(serializeEvidence(run.evidence))
  const own = digest === undefined ? {} : { digest }
  if (!receipt) return { state: 'unreceipted', ...own }
  let predicate: Record<string, unknown>
  try {
    const statement = JSON.parse(envelopePayload(receipt.envelope).toString('utf8'))
    predicate = (statement?.predicate ?? {}) as Record<string, unknown>
  } catch {
    return { state: 'mismatch', ...own, detail: 'its receipt does not parse' }
  }
  const signed = typeof predicate.evidenceDigest === 'string' ? predicate.evidenceDigest : undefined
  const committed = signed === undefined ? {} : { receiptDigest: signed }
  if (predicate.runId !== run.id)
    return {
      state: 'mismatch',
      ...own,
      ...committed,
      detail: `receipt #${receipt.sequence} is of run ${String(predicate.runId)}`,
    }
  if (signed !== digest)
    return {
      state: 'mismatch',
      ...own,
      ...committed,
      detail: `the stored evidence hashes to ${digest ?? '(none)'}, receipt #${receipt.sequence} signed ${signed ?? '(none)'}`,
    }
  return { state: 'intact', ...own }
}
