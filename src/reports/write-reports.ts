import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomically } from '../files/index.js'
import type { LatestReport, ReportEntry } from './latest-report.js'
import { formatJunit } from './junit.js'
import { formatSummaryMarkdown } from './summary-markdown.js'

/**
 * Writes latest.json, junit.xml and summary.md into `dir`.
 * @note Each file is written atomically, so a reader (a CI step, the status page) never sees a
 * half-written report.
 */
export async function writeReports(
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
