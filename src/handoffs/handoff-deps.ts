import type { PlanAlertsDeps } from '../alerts/index.js'
import type { Environment } from '../contracts/index.js'
import type { Clock, Contract } from '../model/index.js'
import type { ReceiptSigner, ReceiptSubject } from '../receipts/index.js'
import type { Store } from '../store/index.js'

/** What the sightings, owner changes and reminders of a pass need; side effects passed in. */
export interface HandoffDeps {
  store: Store
  clock: Clock
  /** To scrub what the e-mails quote with the same secrets as the contract's runs. */
  env: Environment
  signer: ReceiptSigner
  /** The files a contract's receipts name (its Pact file and baseline) with their digests. */
  describeFiles(contract: Contract): Promise<ReceiptSubject[]>
  /** Queues the handoff e-mails. Absent (`--no-alerts`): none is queued and nobody reminded. */
  alerts?: PlanAlertsDeps
}
