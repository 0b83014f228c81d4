import type { Contract, ProbeResult } from '../model/index.js'
import type { UpcheckError } from '../model/index.js'
import {
  describeCounts,
  describeLastVerified,
  groupFindings,
  type ReportEntry,
} from '../reports/index.js'
import type { VerifyReporter } from '../verify/index.js'
import type { CliIo } from './cli-io.js'
import { createStyle, shouldUseColour } from './console-style.js'
import { formatRelativeTime } from './relative-time.js'
import { createStderrLines } from './stderr-lines.js'

export interface ConsoleReporterOptions {
  io: CliIo
  /** Print only errors. */
  quiet: boolean
  /** stdout is reserved for JSON: human lines go nowhere. */
  json: boolean
  now(): number
}

/** Progress appears only after a run has taken this long, so quick runs stay quiet. */
const progressDelayMs = 1000

/** Console output of `upcheck verify`: a line per contract, then its findings by interaction. */
export function createConsoleReporter(options: ConsoleReporterOptions): VerifyReporter & {
  /** Prints the contract lines held so far: call it once the reports are written. */
  flush(): void
} {
  const { io } = options
  const style = createStyle(shouldUseColour(io.stdout, io.env))
  const errors = createStderrLines(io)
  const human = !options.quiet && !options.json
  const progressOn = human && io.stderr.isTTY === true
  const started = new Map<string, number>()
  let progressShown = false
  /**
   * Contract lines wait here until `flush()`: the CLI calls it once the reports are written,
   * so a reader that stops early (`| head -1`) still finds them complete.
   */
  const held: string[] = []

  const clearProgress = () => {
    if (progressShown) io.stderr.write('\r\x1b[2K')
    progressShown = false
  }

  const badge = (status: ReportEntry['run']['status']) =>
    status === 'verified'
      ? style.green('✔ verified')
      : status === 'broken'
        ? style.red('✘ broken')
        : style.yellow('! unreachable')

  return {
    onContractBegin(contract: Contract) {
      started.set(contract.name, options.now())
    },
    onProbe(contract: Contract, _probe: ProbeResult, done: number, total: number) {
      if (!progressOn) return
      const since = started.get(contract.name) ?? options.now()
      if (options.now() - since < progressDelayMs) return
      io.stderr.write(`\r\x1b[2K${style.dim(`  ${contract.name}: ${done}/${total} probes…`)}`)
      progressShown = true
    },
    onContractEnd(entry: ReportEntry) {
      clearProgress()
      if (!human) return
      const { run } = entry
      const when =
        entry.lastVerifiedAt &&
        `${formatRelativeTime(entry.lastVerifiedAt, options.now())} (${entry.lastVerifiedAt})`
      const verified = describeLastVerified(run.status, when)
      held.push(
        `${badge(run.status)}  ${style.bold(entry.name)}  ${describeCounts(run.counts, run.findings)}  ${style.dim(verified)}${entry.stale ? style.yellow('  stale') : ''}\n`,
      )
      for (const [group, findings] of groupFindings(run.findings)) {
        held.push(`    ${group}\n`)
        for (const f of findings) {
          const mark =
            f.severity === 'breaking'
              ? style.red('✘')
              : f.severity === 'warning'
                ? style.yellow('!')
                : style.dim('·')
          held.push(`      ${mark} ${f.message}\n`)
        }
      }
      for (const [reason, names] of groupSkips(run.probes))
        held.push(
          style.dim(`    skipped ${names.length}: ${reason} (${listSome(names, maxNamesShown)})`) +
            '\n',
        )
    },
    onContractError(contract: Contract | undefined, error: UpcheckError) {
      clearProgress()
      errors.error(error, contract?.name)
    },
    flush() {
      clearProgress()
      for (const line of held.splice(0)) io.stdout.write(line)
    },
  }
}

/** Interactions named per skip reason on the console; latest.json lists them all. */
const maxNamesShown = 3

/** Skipped probes by reason, so a hundred skipped writes take one line. */
function groupSkips(probes: readonly ProbeResult[]): Map<string, string[]> {
  const groups = new Map<string, string[]>()
  for (const probe of probes) {
    if (probe.verdict !== 'skipped') continue
    const reason = probe.skipped?.reason ?? 'no reason recorded'
    const names = groups.get(reason)
    if (names) names.push(probe.interaction)
    else groups.set(reason, [probe.interaction])
  }
  return groups
}

function listSome(names: readonly string[], max: number): string {
  const shown = names.slice(0, max).join(', ')
  return names.length > max ? `${shown} and ${names.length - max} more` : shown
}
