export {
  verifyContracts,
  type ContractReplayer,
  type VerifyDeps,
  type VerifyOutcome,
  type VerifyReporter,
} from './verify-contracts.js'
export { confirmFailures, type ConfirmOptions } from './confirm-failures.js'
