import { access, readFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import {
  addTopLevelField,
  resolveUpstream,
  type Environment,
  type ResolvedUpstream,
} from '../contracts/index.js'
import type { SpecReader } from '../diff/index.js'
import { UpcheckError, type Contract } from '../model/index.js'
import { scrubSecrets } from '../text/index.js'
import { collectSecretValues } from '../record/collect-secret-values.js'
import { writeFileAtomically } from '../files/index.js'
import { captureRootText } from './capture-root-text.js'
import { writeBaselineFile } from './write-baseline-file.js'

export type PinOutcome =
  /** The live document is now the contract's baseline, and the contract names it. */
  | { kind: 'pinned'; baselineFile: string; sha256: string }
  /** The contract has a baseline already, or no `upstream.spec` to take one from. */
  | { kind: 'not-needed' }
  /** Nothing was written: why, and what the user can do. */
  | { kind: 'not-pinned'; reason: string }

export interface PinMissingBaselineDeps {
  env: Environment
  /** Reads the live spec: the contract's headers go to the upstream's own origin only. */
  createSpecReader(upstream: ResolvedUpstream): Promise<SpecReader>
}

/**
 * After `record` or `import`: a contract with an `upstream.spec` and no `baseline` gets the
 * live document pinned beside it (`<name>.openapi.json`, or `.openapi.yaml` when the upstream
 * publishes YAML: the text as published, so a diff of it reads like the upstream's own) and a
 * `baseline:` line added to its file, comments and layout kept. Every secret the contract
 * reads from the environment is scrubbed from the document before it is written.
 *
 * A spec that cannot be fetched or read pins nothing and says why: the recording is what the
 * user asked for, and it is kept either way.
 */
export async function pinMissingBaseline(
  contract: Contract,
  deps: PinMissingBaselineDeps,
): Promise<PinOutcome> {
  if (!contract.upstream.spec || contract.baselineFile) return { kind: 'not-needed' }
  const upstream = resolveUpstream(contract, deps.env)
  const { loadSpec } = await import('../diff/index.js')
  const reader = captureRootText(await deps.createSpecReader(upstream))
  try {
    // Lenient, as the spec check is: a live document that fails validation still diffs.
    await loadSpec(upstream.spec!, { reader, lenient: true })
  } catch (error) {
    if (!(error instanceof UpcheckError)) throw error
    return { kind: 'not-pinned', reason: `${error.message} [${error.code}]` }
  }
  const text = scrubSecrets(reader.rootText(), collectSecretValues(upstream, deps.env))
  const file = join(
    dirname(contract.file),
    `${contract.name}.openapi.${isJson(text) ? 'json' : 'yaml'}`,
  )
  if (await exists(file)) {
    return {
      kind: 'not-pinned',
      reason: `${basename(file)} exists already and the contract does not name it; add "baseline: ${basename(file)}" to the contract to use it, or move it away to pin the live spec`,
    }
  }
  const sha256 = await writeBaselineFile(file, text)
  const contractText = await readFile(contract.file, 'utf8')
  await writeFileAtomically(
    contract.file,
    addTopLevelField(contractText, 'baseline', basename(file), {
      json: /\.json$/i.test(contract.file),
      after: ['interactions', 'upstream'],
    }),
  )
  return { kind: 'pinned', baselineFile: file, sha256 }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  )
}
