import type { ContractStatus, Run } from '../model/index.js'
import {
  buildStatusSnapshot,
  type ContractStatusRow,
  type StatusSnapshot,
} from './status-snapshot.js'

/** Runs in each contract's strip: enough to see a flapping upstream and how long it has been red. */
export const STRIP_RUNS = 30
/** Receipts shown per contract: the head of its chain. */
export const SHOWN_RECEIPTS = 5
/** Findings shown per contract; latest.json keeps them all. */
export const PAGE_FINDINGS = 50

/** What `reports/index.html` and the daemon's status page show: one model, one renderer. */
export interface ReportPage extends StatusSnapshot {
  contracts: ContractPage[]
}

export interface ContractPage extends ContractStatusRow {
  /** The latest {@link STRIP_RUNS} runs, oldest first (the strip reads left to right). */
  recentRuns: Pick<Run, 'id' | 'status' | 'startedAt' | 'finishedAt'>[]
  /** While broken: the finish time of its first broken run since it was last verified. */
  brokenSince: string | null
  /** The latest {@link SHOWN_RECEIPTS} receipts, newest first. */
  receipts: ReceiptLine[]
}

export interface ReceiptLine {
  sequence: number
  kind: string
  createdAt: string
  /** Hex sha256 of the receipt's payload: what the next receipt's `previous` names. */
  digest: string
  /** The keyids that signed it (the instance's, then a person's countersignature). */
  signers: string[]
}

/** Reads the status snapshot and each contract's recent history from the store. */
export async function buildReportPage(
  input: Omit<Parameters<typeof buildStatusSnapshot>[0], 'withFindings' | 'maxFindings'>,
): Promise<ReportPage> {
  const { store } = input
  const snapshot = await buildStatusSnapshot({ ...input, maxFindings: PAGE_FINDINGS })
  const contracts: ContractPage[] = []
  for (const row of snapshot.contracts) {
    const runs = row.status === 'never run' ? [] : await store.listRuns(row.name, STRIP_RUNS)
    const receipts = await store.listRecentReceipts(row.name, SHOWN_RECEIPTS)
    contracts.push({
      ...row,
      recentRuns: runs
        .map(({ id, status, startedAt, finishedAt }) => ({ id, status, startedAt, finishedAt }))
        .reverse(),
      brokenSince: row.status === 'broken' ? ((await store.brokenSince(row.name)) ?? null) : null,
      receipts: receipts.map((r) => ({
        sequence: r.sequence,
        kind: r.kind,
        createdAt: r.createdAt,
        digest: r.digest,
        signers: r.envelope.signatures.map((s) => s.keyid),
      })),
    })
  }
  return { ...snapshot, contracts }
}

/** A status as a CSS class: `status-never-run`. */
export function statusClass(status: ContractStatus | 'never run'): string {
  return `status-${status.replace(' ', '-')}`
}
