import { createHash } from 'node:crypto'
import { rename, writeFile } from 'node:fs/promises'
import { isAbsolute, relative, resolve } from 'node:path'
import { resolveUpstream } from '../../contracts/index.js'
import type { SpecReader } from '../../diff/index.js'
import { readPactFile } from '../../interactions/index.js'
import { UpcheckError, isHttpInteraction } from '../../model/index.js'
import { createSqliteStore } from '../../store/index.js'
import type { CliIo } from '../cli-io.js'
import { EXIT } from '../exit-code.js'
import type { GlobalOptions } from '../global-options.js'
import { loadWorkspace, unknownContractError } from '../load-workspace.js'
import { createUpstreamSpecReader } from '../wiring.js'

export interface BaselineFlags extends GlobalOptions {
  /** Who accepts; default the login name. */
  by?: string
  lenient?: boolean
}

/**
 * `upcheck baseline accept <contract>`: shows how the upstream's live spec differs from the
 * pinned baseline, writes the live document (as published, byte for byte) as the new
 * baseline, and records who accepted it and when.
 */
export async function runBaselineAcceptCommand(
  name: string,
  flags: BaselineFlags,
  io: CliIo,
): Promise<number> {
  const cwd = io.cwd()
  const workspace = await loadWorkspace(flags, cwd)
  const contract = workspace.contracts.find((c) => c.name === name)
  if (!contract) throw unknownContractError(workspace, name, cwd)
  const shownFile = relative(cwd, contract.file)
  if (!contract.upstream.spec) {
    throw new UpcheckError(
      'USAGE',
      `${shownFile}: upstream.spec is not set, so there is no live spec to pin. Add the URL or path of the upstream's OpenAPI document.`,
    )
  }
  if (!contract.baselineFile) {
    throw new UpcheckError(
      'USAGE',
      `${shownFile}: baseline is not set. Add a line like "baseline: ${contract.name}.openapi.json" to say where the pinned spec lives.`,
    )
  }
  const upstream = resolveUpstream(contract, io.env)
  const { diffSpecs, formatDiffText, loadSpec } = await import('../../diff/index.js')
  const reader = capturingRootText(await createUpstreamSpecReader(upstream))
  const live = await loadSpec(upstream.spec!, { reader, lenient: flags.lenient === true })
  const text = reader.rootText()
  const baselineShown = relative(cwd, contract.baselineFile)

  let changes = { breaking: 0, warning: 0, info: 0 }
  let previous
  try {
    previous = await loadSpec(contract.baselineFile, { lenient: true })
  } catch (error) {
    if (!(error instanceof UpcheckError)) throw error
    if (!flags.quiet)
      io.stdout.write(`${baselineShown} cannot be read (${error.code}); it will be replaced.\n`)
  }
  if (previous) {
    const interactions = await readPactFile(contract.interactionsFile).then(
      (p) => p.interactions.filter(isHttpInteraction),
      () => undefined,
    )
    const result = diffSpecs(previous, live, {
      now: new Date(),
      ...(interactions ? { interactions } : {}),
    })
    changes = result.summary
    if (!flags.quiet && !flags.json)
      io.stdout.write(
        `${formatDiffText({ ...result, base: baselineShown, revision: upstream.spec! })}\n`,
      )
  }

  const temporary = `${contract.baselineFile}.${process.pid}.tmp`
  await writeFile(temporary, text)
  await rename(temporary, contract.baselineFile)
  const acceptance = {
    contract: contract.name,
    acceptedAt: new Date().toISOString(),
    acceptedBy: flags.by ?? io.env.UPCHECK_USER ?? io.env.USER ?? io.env.LOGNAME ?? 'unknown',
    source: isAbsolute(upstream.spec!) ? relative(cwd, upstream.spec!) : contract.upstream.spec,
    baselineFile: baselineShown,
    sha256: createHash('sha256').update(text).digest('hex'),
    changes,
  }
  const store = createSqliteStore(workspace.config.store)
  try {
    store.recordBaselineAcceptance(acceptance)
  } finally {
    store.close()
  }
  if (flags.json) io.stdout.write(`${JSON.stringify(acceptance, null, 2)}\n`)
  else if (!flags.quiet) {
    io.stdout.write(
      `${contract.name}: ${baselineShown} now pins ${acceptance.source} (sha256 ${acceptance.sha256.slice(0, 12)}…), accepted by ${acceptance.acceptedBy} at ${acceptance.acceptedAt}.\n`,
    )
  }
  return EXIT.ok
}

/** A reader that keeps the text of the first document it reads: the root, as published. */
function capturingRootText(reader: SpecReader): SpecReader & { rootText(): string } {
  let root: string | undefined
  return {
    async readFile(path, maxBytes) {
      const text = await reader.readFile(path, maxBytes)
      root ??= text
      return text
    },
    async fetchText(url, options) {
      const response = await reader.fetchText(url, options)
      if (response.status >= 200 && response.status < 300) root ??= response.text
      return response
    },
    rootText() {
      if (root === undefined)
        throw new UpcheckError('INTERNAL', 'Failed to keep the text of the accepted spec.')
      return root
    },
  }
}
