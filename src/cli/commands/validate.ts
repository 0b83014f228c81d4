import { readPactFile } from '../../interactions/index.js'
import type { UpcheckError } from '../../model/index.js'
import { validateContracts, type ContractValidation } from '../../verify/index.js'
import type { CliIo } from '../cli-io.js'
import { decideValidateExitCode } from '../exit-code.js'
import type { GlobalOptions } from '../global-options.js'
import { loadWorkspace, unknownContractError } from '../load-workspace.js'
import { createStderrLines } from '../stderr-lines.js'

/**
 * `upcheck validate [contract…]`: every contract, Pact file and pinned baseline checked as
 * verify would, without contacting any upstream or opening the store.
 */
export async function runValidateCommand(
  names: readonly string[],
  options: GlobalOptions,
  io: CliIo,
): Promise<number> {
  const cwd = io.cwd()
  const workspace = await loadWorkspace(options, cwd)
  const errors: UpcheckError[] = [...workspace.errors]
  const known = new Set(workspace.contracts.map((c) => c.name))
  for (const name of names.filter((n) => !known.has(n)))
    errors.push(unknownContractError(workspace, name, cwd))
  const selected =
    names.length === 0
      ? workspace.contracts
      : workspace.contracts.filter((c) => names.includes(c.name))
  const results = await validateContracts(selected, {
    readPact: readPactFile,
    loadBaseline: async (file) => {
      const { loadSpec } = await import('../../diff/load/load-spec.js')
      return loadSpec(file)
    },
  })

  const lines = createStderrLines(io)
  for (const error of errors) lines.error(error)
  for (const result of results) for (const error of result.errors) lines.error(error)
  const problems = errors.length + results.reduce((n, r) => n + r.errors.length, 0)
  if (options.json) {
    const asJson = (e: UpcheckError) => ({
      code: e.code,
      message: e.message,
      ...(e.location?.file && { file: e.location.file }),
    })
    io.stdout.write(
      `${JSON.stringify(
        {
          schemaVersion: 1,
          valid: problems === 0,
          contracts: results.map((r) => ({ ...r, errors: r.errors.map(asJson) })),
          errors: errors.map(asJson),
        },
        null,
        2,
      )}\n`,
    )
  } else if (!options.quiet) io.stdout.write(renderValidation(results, problems))
  return decideValidateExitCode(problems)
}

function renderValidation(results: readonly ContractValidation[], problems: number): string {
  const rows = results.map((r) => {
    const what = [
      r.interactions === undefined ? undefined : `${r.interactions} interaction(s)`,
      r.baseline === 'none' ? undefined : `baseline ${r.baseline}`,
    ].filter(Boolean)
    const mark = r.errors.length === 0 ? 'ok' : `${r.errors.length} problem(s)`
    return `${r.contract}: ${mark}${what.length ? ` (${what.join(', ')})` : ''}\n`
  })
  const verdict =
    problems === 0
      ? `valid: ${results.length} contract(s), nothing contacted\n`
      : `invalid: ${problems} problem(s), listed above\n`
  return rows.join('') + verdict
}
