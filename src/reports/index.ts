export {
  buildLatestReport,
  type ContractReport,
  type LatestReport,
  type ReportEntry,
} from './latest-report.js'
export { formatJunit } from './junit.js'
export { formatSummaryMarkdown } from './summary-markdown.js'
export { writeReports } from './write-reports.js'
export { groupFindings } from './group-findings.js'
export {
  buildStatusSnapshot,
  type ContractStatusRow,
  type StatusSnapshot,
} from './status-snapshot.js'
