import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomically } from '../files/index.js'
import { UpcheckError } from '../model/index.js'
import type { LatestReport, ReportEntry } from './latest-report.js'
import { formatJunit } from './junit.js'
import { formatSummaryMarkdown } from './summary-markdown.js'

/**
 * Writes latest.json, junit.xml and summary.md into `dir`; rejects with `REPORTS_UNWRITABLE`
 * naming the folder when it cannot.
 * @note Each file is written atomically, so a reader (a CI step, the status page) never sees a
 * half-written report.
 */
export async function writeReports(
  dir: string,
  report: LatestReport,
  entries: readonly ReportEntry[],
): Promise<string[]> {
  try {
    return await writeEach(dir, report, entries)
  } catch (error) {
    throw new UpcheckError(
      'REPORTS_UNWRITABLE',
      `Cannot write the reports to ${dir}: ${(error as Error).message}. The runs are stored and alerts are sent; pick a writable folder with --reports or reports: in upcheck.config.yaml.`,
      { cause: error },
    )
  }
}

async function writeEach(
  dir: string,
  report: LatestReport,
  entries: readonly ReportEntry[],
): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const files: [string, string][] = [
    ['latest.json', `${JSON.stringify(report, null, 2)}\n`],
    ['junit.xml', formatJunit(entries, report.errors)],
    ['summary.md', formatSummaryMarkdown(report)],
  ]
  const written: string[] = []
  for (const [name, content] of files) {
    const target = join(dir, name)
    await writeFileAtomically(target, content)
    written.push(target)
  }
  return written
}
