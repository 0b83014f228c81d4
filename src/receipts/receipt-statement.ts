/** What a receipt records. */
export type ReceiptKind =
  | 'contract-added'
  | 'contract-removed'
  | 'run'
  | 'baseline-accepted'
  | 'owner-changed'
  | 'handoff-accepted'
  | 'key-rotated'

export const RECEIPT_KINDS: readonly ReceiptKind[] = [
  'contract-added',
  'contract-removed',
  'run',
  'baseline-accepted',
  'owner-changed',
  'handoff-accepted',
  'key-rotated',
]

const PREDICATE_TYPE_PREFIX = 'https://upcheck.dev/receipt/'

/** The versioned predicate type URI of a kind of receipt. */
export function predicateTypeOf(kind: ReceiptKind): string {
  return `${PREDICATE_TYPE_PREFIX}${kind}/v1`
}

/** The kind a predicate type names, when it is one of upcheck's. */
export function kindOfPredicateType(predicateType: string): ReceiptKind | undefined {
  const match = /^https:\/\/upcheck\.dev\/receipt\/([a-z-]+)\/v1$/.exec(predicateType)
  return RECEIPT_KINDS.find((kind) => kind === match?.[1])
}

/** An in-toto resource descriptor: a file a receipt speaks of, by content digest. */
export interface ReceiptSubject {
  name: string
  digest: { sha256: string }
}

/** The facts every receipt's predicate holds, whatever its kind. */
export interface ReceiptPredicateBase {
  contract: string
  /** 1 for a contract's first receipt, then one more for each: a gap is a missing receipt. */
  sequence: number
  /** Hex sha256 of the previous receipt's payload bytes for this contract; null for the first. */
  previous: string | null
  /** When the recorded act happened (ISO 8601). */
  at: string
  /** Who acted: a person (`Ann Lee <ann@example.com>`) or `upcheck@<host>` for the instance. */
  by: string
  upcheckVersion: string
}

/** An in-toto Statement v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md). */
export interface ReceiptStatement<P extends ReceiptPredicateBase = ReceiptPredicateBase> {
  _type: 'https://in-toto.io/Statement/v1'
  subject: ReceiptSubject[]
  predicateType: string
  predicate: P & Record<string, unknown>
}

export function buildStatement<P extends ReceiptPredicateBase>(
  kind: ReceiptKind,
  subject: ReceiptSubject[],
  predicate: P & Record<string, unknown>,
): ReceiptStatement<P> {
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject,
    predicateType: predicateTypeOf(kind),
    predicate,
  }
}
