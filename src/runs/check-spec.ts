import type { LoadedSpec, SpecChange } from '../diff/index.js'
import type { Finding, HttpInteraction } from '../model/index.js'
import { UpcheckError } from '../model/index.js'

/** What a spec check found, and how the pinned baseline names each recorded request's operation. */
export interface SpecCheck {
  findings: Finding[]
  /** `GET /repos/{owner}/{repo}` as the baseline writes it; `undefined` where nothing matches. */
  nameOperation?: (interaction: HttpInteraction) => string | undefined
  /** True when the live spec could not be read, so nothing was compared. */
  liveUnreadable?: boolean
}

export interface SpecCheckDeps {
  /** Loads the upstream's live spec (URL or file). */
  loadSpec(source: string): Promise<LoadedSpec>
  /** Today, for `x-sunset` dates. */
  now(): Date
}

/**
 * @note Real upstreams change a lot that a given integration never touches (Stripe's 2020
 * update is 35,000 changes). Every change that touches the interactions is kept; breaking
 * changes elsewhere are kept as warnings up to this many, then summed up in one line.
 */
const maxUnrelatedFindings = 25

/**
 * The spec check of a run: diffs the upstream's live document against the pinned baseline.
 * A breaking change that touches the interactions is a breaking finding (the run is
 * broken); one elsewhere is a warning; an unreachable live spec is a warning. The baseline
 * comes loaded: the run loads it once, for the probes' judge and for this check.
 */
export async function checkSpec(
  baseline: LoadedSpec,
  liveSource: string,
  interactions: readonly HttpInteraction[],
  deps: SpecCheckDeps,
): Promise<SpecCheck> {
  const baselineFile = baseline.source
  // The diff engine (433 rules) loads with the first spec check, not with every verify.
  const { createOperationNamer, diffSpecs } = await import('../diff/index.js')
  const nameOperation = createOperationNamer(baseline)
  let live: LoadedSpec
  try {
    live = await deps.loadSpec(liveSource)
  } catch (error) {
    if (!(error instanceof UpcheckError)) throw error
    return {
      findings: [
        {
          source: 'spec',
          severity: 'warning',
          rule: 'spec-unreachable',
          affectsInteractions: false,
          message: `The upstream's spec could not be checked: ${error.message}`,
        },
      ],
      nameOperation,
      liveUnreadable: true,
    }
  }
  const result = diffSpecs(baseline, live, { interactions: [...interactions], now: deps.now() })
  const related = result.changes.filter((c) => c.affectsInteractions === true)
  const unrelatedBreaking = result.changes.filter(
    (c) => c.affectsInteractions !== true && c.severity === 'breaking',
  )
  const findings = [
    ...related.map((c) => toFinding(c, c.severity)),
    ...unrelatedBreaking.slice(0, maxUnrelatedFindings).map((c) => toFinding(c, 'warning')),
  ]
  const untold = result.changes.length - findings.length
  if (untold > 0) {
    findings.push({
      source: 'spec',
      severity: 'info',
      rule: 'spec-changes-elsewhere',
      affectsInteractions: false,
      message: `${untold} more change${untold === 1 ? '' : 's'} in the upstream's spec (${unrelatedBreaking.length - Math.min(unrelatedBreaking.length, maxUnrelatedFindings)} more breaking) touch nothing this contract's interactions use; run upcheck diff ${baselineFile} ${liveSource} to see them`,
    })
  }
  return { findings, nameOperation }
}

function toFinding(change: SpecChange, severity: Finding['severity']): Finding {
  const pointer = change.path.revision ?? change.path.base
  return {
    source: 'spec',
    severity,
    rule: change.rule,
    ...(change.operation ? { operation: change.operation } : {}),
    ...(pointer ? { path: pointer } : {}),
    affectsInteractions: change.affectsInteractions === true,
    message: change.operation ? `${change.operation}: ${change.message}` : change.message,
  }
}
