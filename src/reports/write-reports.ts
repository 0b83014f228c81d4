import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomically } from '../files/index.js'
import { UpcheckError } from '../model/index.js'
import type { LatestReport, ReportEntry } from './latest-report.js'
import { formatJunit } from './junit.js'
import { renderBadge } from './render-badge.js'
import { renderReportPage } from './render-report-page.js'
import type { ReportPage } from './report-page.js'
import { formatSummaryMarkdown } from './summary-markdown.js'

/** The HTML report and the badges: every contract of the workspace, as the store knows it. */
export interface PageReports {
  page: ReportPage
  /** Cuts the upstreams' secrets out of the page; see `renderReportPage`. */
  scrub: (text: string) => string
}

/**
 * Writes latest.json, junit.xml and summary.md into `dir`, and with `pages` index.html and
 * badges/<contract>.svg; rejects with `REPORTS_UNWRITABLE`
 * naming the folder when it cannot.
 * @note Each file is written atomically, so a reader (a CI step, the status page) never sees a
 * half-written report.
 */
export async function writeReports(
  dir: string,
  report: LatestReport,
  entries: readonly ReportEntry[],
  pages?: PageReports,
): Promise<string[]> {
  try {
    return await writeEach(dir, report, entries, pages)
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
  pages: PageReports | undefined,
): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const files: [string, string][] = [
    ['latest.json', `${JSON.stringify(report, null, 2)}\n`],
    ['junit.xml', formatJunit(entries, report.errors)],
    ['summary.md', formatSummaryMarkdown(report)],
  ]
  if (pages) {
    const now = Date.parse(pages.page.generatedAt)
    files.push(['index.html', renderReportPage(pages.page, { scrub: pages.scrub })])
    if (pages.page.contracts.length > 0) await mkdir(join(dir, 'badges'), { recursive: true })
    // Contract names are [a-z0-9-]+: safe as file names.
    for (const contract of pages.page.contracts)
      files.push([join('badges', `${contract.name}.svg`), renderBadge(contract, now)])
  }
  const written: string[] = []
  for (const [name, content] of files) {
    const target = join(dir, name)
    await writeFileAtomically(target, content)
    written.push(target)
  }
  return written
}
