export {
  verifyContracts,
  type LoadedBaseline,
  type VerifyDeps,
  type VerifyOutcome,
  type VerifyReporter,
} from './verify-contracts.js'
