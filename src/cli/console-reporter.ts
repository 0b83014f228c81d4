import type { Contract, ProbeResult } from '../model/index.js'
import type { UpcheckError } from '../model/index.js'
import { groupFindings, type ReportEntry } from '../reports/index.js'
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
export function createConsoleReporter(
  options: ConsoleReporterOptions,
): VerifyReporter & { flush(): void } {
  const { io } = options
  const style = createStyle(shouldUseColour(io.stdout, io.env))
  const errors = createStderrLines(io)
  const human = !options.quiet && !options.json
  const progressOn = human && io.stderr.isTTY === true
  const started = new Map<string, number>()
  let progressShown = false

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
      const c = entry.run.counts
      const parts = [`${c.passed}/${c.total} passed`]
      if (c.failed) parts.push(`${c.failed} failed`)
      if (c.unreachable) parts.push(`${c.unreachable} unreachable`)
      if (c.skipped) parts.push(`${c.skipped} skipped`)
      const verified = entry.lastVerifiedAt
        ? `last verified ${formatRelativeTime(entry.lastVerifiedAt, options.now())} (${entry.lastVerifiedAt})`
        : 'never verified'
      io.stdout.write(
        `${badge(entry.run.status)}  ${style.bold(entry.name)}  ${parts.join(', ')}  ${style.dim(verified)}${entry.stale ? style.yellow('  stale') : ''}\n`,
      )
      for (const [group, findings] of groupFindings(entry.run.findings)) {
        io.stdout.write(`    ${group}\n`)
        for (const f of findings) {
          const mark =
            f.severity === 'breaking'
              ? style.red('✘')
              : f.severity === 'warning'
                ? style.yellow('!')
                : style.dim('·')
          io.stdout.write(`      ${mark} ${f.message}\n`)
        }
      }
    },
    onContractError(contract: Contract | undefined, error: UpcheckError) {
      clearProgress()
      errors.error(error, contract?.name)
    },
    flush: clearProgress,
  }
}
