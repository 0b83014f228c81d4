export {
  verifyContracts,
  type AuthorizedUpstream,
  type LoadedBaseline,
  type VerifyDeps,
  type VerifyOptions,
  type VerifyOutcome,
  type VerifyReporter,
} from './verify-contracts.js'
export {
  validateContracts,
  type ContractValidation,
  type ValidateDeps,
} from './validate-contracts.js'
