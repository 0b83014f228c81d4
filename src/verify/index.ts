export {
  verifyContracts,
  type LoadedBaseline,
  type VerifyDeps,
  type VerifyOptions,
  type VerifyOutcome,
  type VerifyReporter,
} from './verify-contracts.js'
