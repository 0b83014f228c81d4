import { access } from 'node:fs/promises'
import type { Contract, PactDocument } from '../model/index.js'
import { UpcheckError } from '../model/index.js'
import { refuseNothingToCheck } from './verify-contracts.js'

export interface ValidateDeps {
  readPact(file: string): Promise<PactDocument>
  /** Loads a pinned baseline as verify does (strict); throws `SPEC_*` when it is no valid document. */
  loadBaseline(file: string): Promise<unknown>
}

export interface ContractValidation {
  contract: string
  /** Interactions in the Pact file, when it could be read. */
  interactions?: number
  /** Whether a pinned baseline was read and is a valid document. */
  baseline: 'valid' | 'not pinned yet' | 'none' | 'invalid'
  errors: UpcheckError[]
}

/**
 * What `verify` would refuse before contacting anyone: each contract's Pact file (syntax,
 * matching rules, methods), whether the run could check anything at all, and its pinned
 * baseline. Never touches the network or the store, so it fits a pre-commit hook.
 */
export async function validateContracts(
  contracts: readonly Contract[],
  deps: ValidateDeps,
): Promise<ContractValidation[]> {
  const results: ContractValidation[] = []
  for (const contract of contracts) {
    const errors: UpcheckError[] = []
    const result: ContractValidation = { contract: contract.name, baseline: 'none', errors }
    let pact: PactDocument | undefined
    try {
      pact = await deps.readPact(contract.interactionsFile)
      result.interactions = pact.interactions.length
    } catch (error) {
      errors.push(asUpcheckError(error, `read the interactions of ${contract.name}`))
    }
    // Without the environment, a spec check counts when the contract names a spec and a baseline.
    if (pact && !(contract.upstream.spec && contract.baselineFile))
      try {
        refuseNothingToCheck(contract, pact)
      } catch (error) {
        errors.push(asUpcheckError(error, `check ${contract.name}`))
      }
    if (contract.baselineFile) {
      const pinned = await access(contract.baselineFile).then(
        () => true,
        () => false,
      )
      if (!pinned) result.baseline = 'not pinned yet'
      else
        try {
          await deps.loadBaseline(contract.baselineFile)
          result.baseline = 'valid'
        } catch (error) {
          result.baseline = 'invalid'
          errors.push(asUpcheckError(error, `read the baseline of ${contract.name}`))
        }
    }
    results.push(result)
  }
  return results
}

function asUpcheckError(error: unknown, what: string): UpcheckError {
  if (error instanceof UpcheckError) return error
  return new UpcheckError('INTERNAL', `Failed to ${what}: ${(error as Error)?.message}`, {
    cause: error,
  })
}
