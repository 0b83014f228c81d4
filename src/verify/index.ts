export {
  verifyContracts,
  type VerifyDeps,
  type VerifyOutcome,
  type VerifyReporter,
} from './verify-contracts.js'
