import { isAbsolute, relative } from 'node:path'
import { resolveUpstream, type Environment, type ResolvedUpstream } from '../contracts/index.js'
import type { DiffResult, SpecReader } from '../diff/index.js'
import { readPactFile } from '../interactions/index.js'
import {
  UpcheckError,
  isHttpInteraction,
  type BaselineAcceptance,
  type BuildReceipt,
  type Clock,
  type Contract,
} from '../model/index.js'
import type { BaselineStore } from '../store/index.js'
import { createSecretScrubber } from '../text/index.js'
import { captureRootText } from './capture-root-text.js'
import { writeBaselineFile } from './write-baseline-file.js'

export interface AcceptBaselineOptions {
  /** Who accepts it: a name or login, kept with the acceptance. */
  acceptedBy: string
  /** Accept a live document that parses but fails validation. Default false. */
  lenient?: boolean
  /** The project folder: paths in the acceptance are relative to it. */
  cwd: string
}

export interface AcceptBaselineDeps {
  env: Environment
  /** Reads the live spec: the contract's headers go to the upstream's own origin only. */
  createSpecReader(upstream: ResolvedUpstream): Promise<SpecReader>
  store: Pick<BaselineStore, 'recordBaselineAcceptance'>
  clock: Clock
  /** The previous baseline could not be read: it is replaced without a diff. */
  onPreviousUnreadable?(error: UpcheckError): void
  /**
   * The diff from the previous baseline to the live spec, before the new one is written;
   * `base` and `revision` name the baseline file (relative to `cwd`) and the live spec.
   */
  onDiff?(result: DiffResult): void
  /**
   * The signed receipt of the acceptance, appended to the contract's chain in the same
   * transaction. Absent: no receipt is written.
   */
  receiptFor?(acceptance: BaselineAcceptance, contract: Contract): Promise<BuildReceipt>
}

/**
 * `baseline accept`: diffs the upstream's live spec against the pinned baseline, writes the
 * live document (as published, byte for byte, but for values from the environment, which
 * become `<redacted>`) as the new baseline, and records who accepted it and when.
 * @throws UpcheckError `USAGE` when the contract has no `upstream.spec` or no `baseline`; the
 * loader's `SPEC_*` errors when the live spec cannot be used (the baseline is left alone).
 */
export async function acceptBaseline(
  contract: Contract,
  options: AcceptBaselineOptions,
  deps: AcceptBaselineDeps,
): Promise<BaselineAcceptance> {
  const shownFile = relative(options.cwd, contract.file)
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
  const upstream = resolveUpstream(contract, deps.env)
  // @note Loaded here, not at the top: the OpenAPI loader is a third of a second of start-up.
  const { diffSpecs, loadSpec } = await import('../diff/index.js')
  const reader = captureRootText(await deps.createSpecReader(upstream))
  const live = await loadSpec(upstream.spec!, { reader, lenient: options.lenient === true })
  // An upstream may echo the credential it was sent in its own spec (a personalised `servers`
  // URL, an example); the baseline lives in git, so no value from the environment goes in.
  const scrub = createSecretScrubber(upstream.secrets).scrub
  const text = scrub(reader.rootText())
  const baselineShown = relative(options.cwd, contract.baselineFile)

  let changes = { breaking: 0, warning: 0, info: 0 }
  let previous
  try {
    previous = await loadSpec(contract.baselineFile, { lenient: true })
  } catch (error) {
    if (!(error instanceof UpcheckError)) throw error
    deps.onPreviousUnreadable?.(error)
  }
  if (previous) {
    const interactions = await readPactFile(contract.interactionsFile).then(
      (p) => p.interactions.filter(isHttpInteraction),
      () => undefined,
    )
    const result = diffSpecs(previous, live, {
      now: new Date(deps.clock.now()),
      ...(interactions ? { interactions } : {}),
    })
    changes = result.summary
    deps.onDiff?.(scrubStrings({ ...result, base: baselineShown, revision: upstream.spec! }, scrub))
  }

  const sha256 = await writeBaselineFile(contract.baselineFile, text)
  const acceptance: BaselineAcceptance = {
    contract: contract.name,
    acceptedAt: new Date(deps.clock.now()).toISOString(),
    acceptedBy: options.acceptedBy,
    source: isAbsolute(upstream.spec!)
      ? relative(options.cwd, upstream.spec!)
      : contract.upstream.spec,
    baselineFile: baselineShown,
    sha256,
    changes,
  }
  await deps.store.recordBaselineAcceptance(
    acceptance,
    await deps.receiptFor?.(acceptance, contract),
  )
  return acceptance
}

/** `value` with every string in it (plain objects and arrays, deeply) passed through `scrub`. */
function scrubStrings<T>(value: T, scrub: (text: string) => string): T {
  if (typeof value === 'string') return scrub(value) as T
  if (Array.isArray(value)) return value.map((item) => scrubStrings(item, scrub)) as T
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  )
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, scrubStrings(child, scrub)]),
    ) as T
  return value
}
