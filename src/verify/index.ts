export { verifyContracts, type ContractReplayer, type VerifyDeps, type VerifyOutcome, type VerifyReporter } from './verify-contracts.js'
