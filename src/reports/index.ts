export {
  buildLatestReport,
  type ContractReport,
  type LatestReport,
  type PendingHandoff,
  type ProbeReport,
  type ReportEntry,
} from './latest-report.js'
export { formatJunit } from './junit.js'
export { formatSummaryMarkdown } from './summary-markdown.js'
export { writeReports, type PageReports } from './write-reports.js'
export {
  buildReportPage,
  type ContractPage,
  type ReceiptLine,
  type ReportPage,
} from './report-page.js'
export { renderReportPage, type RenderReportPageOptions } from './render-report-page.js'
export { renderBadge } from './render-badge.js'
export { createPageScrubber } from './create-page-scrubber.js'
export { groupFindings } from './group-findings.js'
export {
  buildStatusSnapshot,
  type ContractStatusRow,
  type StatusSnapshot,
} from './status-snapshot.js'
export { describePendingHandoff } from './describe-pending-handoff.js'
export { describeCounts, describeLastVerified } from './describe-headline.js'
export {
  appendStepSummary,
  formatWorkflowCommand,
  formatWorkflowCommands,
  isGithubActions,
} from './github-actions.js'
