import { appendFile } from 'node:fs/promises'
import { UpcheckError } from '../model/index.js'
import type { LatestReport } from './latest-report.js'
import { formatSummaryMarkdown } from './summary-markdown.js'

/** Whether this process runs as a GitHub Actions step: the runner sets `GITHUB_ACTIONS=true`. */
export function isGithubActions(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.GITHUB_ACTIONS === 'true'
}

/**
 * Annotations one contract may raise: GitHub shows only the first ten errors and ten warnings
 * of a step, and a thousand identical lines would bury the log. latest.json keeps them all.
 */
const maxAnnotationsPerContract = 25

/**
 * `::error`/`::warning` workflow commands for a run's breaking and warning findings (info is
 * drift, never annotated) and for contracts that could not be loaded.
 * @param files each contract's file, as a path relative to the repository, for `file=`
 * @see https://docs.github.com/en/actions/using-workflows/workflow-commands-for-github-actions
 */
export function formatWorkflowCommands(
  report: LatestReport,
  files: ReadonlyMap<string, string>,
): string {
  const lines: string[] = []
  for (const contract of report.contracts) {
    const file = files.get(contract.name)
    const annotated = contract.findings.filter((f) => f.severity !== 'info')
    for (const f of annotated.slice(0, maxAnnotationsPerContract)) {
      const where = f.source === 'spec' ? (f.operation ?? 'spec') : (f.interaction ?? 'run')
      lines.push(
        formatWorkflowCommand(f.severity === 'breaking' ? 'error' : 'warning', f.message, {
          ...(file && { file }),
          title: `upcheck: ${contract.name} ${f.severity} (${where})`,
        }),
      )
    }
    if (annotated.length > maxAnnotationsPerContract)
      lines.push(
        formatWorkflowCommand(
          'warning',
          `${annotated.length - maxAnnotationsPerContract} more findings of ${contract.name} are in reports/latest.json`,
          { ...(file && { file }), title: `upcheck: ${contract.name}` },
        ),
      )
  }
  for (const error of report.errors)
    lines.push(
      formatWorkflowCommand('error', error.message, {
        ...(error.file && { file: error.file }),
        title: `upcheck: ${error.code}`,
      }),
    )
  return lines.map((line) => `${line}\n`).join('')
}

/**
 * One workflow command line, escaped as the runner unescapes it: `%`, CR and LF in the
 * message; those and `:` and `,` in property values, which would otherwise end the value.
 * @example
 * formatWorkflowCommand('error', 'a\nb', { file: 'c.yaml', title: 'x: y' })
 * // '::error file=c.yaml,title=x%3A y::a%0Ab'
 */
export function formatWorkflowCommand(
  command: 'error' | 'warning' | 'notice',
  message: string,
  properties: Readonly<Record<string, string>> = {},
): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',')
  return `::${command}${props ? ` ${props}` : ''}::${escapeData(message)}`
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/**
 * Appends the run's summary (the markdown of summary.md) to `$GITHUB_STEP_SUMMARY`, the file
 * GitHub renders on the run's page; appending keeps what earlier steps wrote.
 */
export async function appendStepSummary(file: string, report: LatestReport): Promise<void> {
  try {
    await appendFile(file, `${formatSummaryMarkdown(report)}\n`)
  } catch (error) {
    throw new UpcheckError(
      'REPORTS_UNWRITABLE',
      `Cannot append the summary to GITHUB_STEP_SUMMARY (${file}): ${(error as Error).message}. The reports in the reports folder are complete.`,
      { cause: error },
    )
  }
}
