import type { Contract, UpcheckConfig } from '../model/index.js'
import { UpcheckError, formatLocation } from '../model/index.js'
import { buildContract, type ContractDocument } from './build-contract.js'
import { checkContractValues } from './check-values.js'
import { rememberSource } from './contract-sources.js'
import { deepFreeze } from './deep-freeze.js'
import { describeSchemaErrors } from './describe-schema-errors.js'
import { createProblemsError, type Problem } from './problem.js'
import { getSchemaValidators } from './schema-validators.js'
import { parseSource, type SourceDocument } from './source-document.js'

export interface ParseContractOptions {
  /** Absolute path of the contract file: relative paths in it resolve against its folder. */
  file: string
  /** The file as named in messages. Default: `file`. */
  displayFile?: string
  /** Its `defaults` apply under the contract's own values. */
  config?: UpcheckConfig
}

/**
 * Parses, validates and defaults one contract's text into a deeply frozen {@link Contract}.
 * Throws one {@link UpcheckError} listing every problem found, each with its line and column:
 * `CONTRACT_UNREADABLE` for a syntax error, `CONTRACT_INVALID` for anything else.
 */
export function parseContract(text: string, options: ParseContractOptions): Contract {
  const displayFile = options.displayFile ?? options.file
  const source = parseSource(text.replace(/^\uFEFF/, ''), displayFile, 'CONTRACT_UNREADABLE')
  if (source.data === null || source.data === undefined) {
    throw new UpcheckError(
      'CONTRACT_INVALID',
      `${formatLocation({ file: displayFile, line: 1, column: 1 })}: the contract is empty. Write at least name, owner and upstream.baseUrl; \`upcheck init\` writes an example.`,
      { location: { file: displayFile, line: 1, column: 1 } },
    )
  }
  const problems = validateContract(source)
  if (problems.length > 0) throw createProblemsError('CONTRACT_INVALID', source, problems)
  const contract = buildContract(source.data as ContractDocument, options.file, options.config)
  rememberSource(contract, source)
  return deepFreeze(contract)
}

function validateContract(source: SourceDocument): Problem[] {
  const validate = getSchemaValidators().contract
  const problems = validate(source.data)
    ? []
    : describeSchemaErrors(validate.errors ?? [], source.data, 'the contract')
  const flagged = new Set(problems.map((problem) => JSON.stringify(problem.path)))
  // A field the schema already faulted gets no second message from the value checks.
  return [
    ...problems,
    ...checkContractValues(source.data).filter(
      (problem) => !flagged.has(JSON.stringify(problem.path)),
    ),
  ]
}
