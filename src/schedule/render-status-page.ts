import { escapeHtml } from '../text/index.js'
import { formatDuration } from '../alerts/index.js'
import type { ContractStatusRow, StatusSnapshot } from '../reports/index.js'

/** Seconds between the page's own refreshes. */
export const STATUS_PAGE_REFRESH_SECONDS = 30

const css = `
  :root { color-scheme: light dark; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --muted: #656d76; --line: #d0d7de; }
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem; }
  h1 { font-size: 1.3rem; margin: 0 0 .25rem; }
  .summary { color: var(--muted); margin: 0 0 1.25rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid var(--line); }
  th { font-weight: 600; font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
  .status, .name, .fresh, .verified { white-space: nowrap; }
  .status { font-weight: 600; }
  .status-verified { color: var(--ok); }
  .status-broken { color: var(--bad); }
  .status-unreachable, .stale { color: var(--warn); }
  .status-never-run { color: var(--muted); }
  .stale { font-weight: 600; }
  .running { color: var(--muted); font-size: .8rem; }
  ul.findings { margin: 0; padding-left: 1.1rem; }
  code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
  .errors { color: var(--bad); }
  footer { color: var(--muted); margin-top: 1rem; font-size: .8rem; }
`

/** The daemon's status page: plain HTML and CSS, no script, refreshing itself. */
export function renderStatusPage(snapshot: StatusSnapshot): string {
  const now = Date.parse(snapshot.generatedAt)
  const count = (status: ContractStatusRow['status']) =>
    snapshot.contracts.filter((c) => c.status === status).length
  const stale = snapshot.contracts.filter((c) => c.stale).length
  const summary = [
    `${snapshot.contracts.length} contract${snapshot.contracts.length === 1 ? '' : 's'}`,
    `${count('verified')} verified`,
    `${count('broken')} broken`,
    `${count('unreachable')} unreachable`,
    ...(count('never run') > 0 ? [`${count('never run')} never run`] : []),
    `${stale} stale`,
    `${snapshot.outbox.pending} alert${snapshot.outbox.pending === 1 ? '' : 's'} waiting to be sent`,
  ].join(' · ')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${STATUS_PAGE_REFRESH_SECONDS}">
<title>upcheck: ${count('broken') > 0 ? `${count('broken')} broken` : 'status'}</title>
<style>${css}</style>
</head>
<body>
<h1>upcheck</h1>
<p class="summary">${escapeHtml(summary)}</p>
${snapshot.errors.length > 0 ? `<ul class="errors">${snapshot.errors.map((e) => `<li>${escapeHtml(e.message)} <code>[${escapeHtml(e.code)}]</code></li>`).join('')}</ul>` : ''}
<table>
<thead><tr><th>Contract</th><th>Owner</th><th>Status</th><th>Last verified</th><th>Fresh</th><th>Latest findings</th></tr></thead>
<tbody>
${snapshot.contracts.map((row) => renderRow(row, now)).join('\n')}
</tbody>
</table>
<footer>Generated <time datetime="${snapshot.generatedAt}">${escapeHtml(snapshot.generatedAt)}</time>; refreshes every ${STATUS_PAGE_REFRESH_SECONDS} s. Machine-readable: <a href="status.json">status.json</a> · <a href="metrics">metrics</a></footer>
</body>
</html>
`
}

function renderRow(row: ContractStatusRow, now: number): string {
  const statusClass = `status-${row.status.replace(' ', '-')}`
  const verified = row.lastVerifiedAt
    ? `<time datetime="${row.lastVerifiedAt}" title="${row.lastVerifiedAt}">${escapeHtml(describeAgo(row.lastVerifiedAt, now))}</time>`
    : 'never'
  const fresh = row.stale
    ? `<span class="stale">stale</span> (&gt; ${escapeHtml(row.freshness)})`
    : 'fresh'
  const findings =
    row.findings.length === 0
      ? ''
      : `<ul class="findings">${row.findings.map((f) => `<li><code>${escapeHtml(f.message)}</code></li>`).join('')}${row.findingCount > row.findings.length ? `<li>… and ${row.findingCount - row.findings.length} more</li>` : ''}</ul>`
  return `<tr data-contract="${escapeHtml(row.name)}" data-status="${escapeHtml(row.status)}"${row.stale ? ' data-stale="true"' : ''}>
<td class="name"><strong>${escapeHtml(row.name)}</strong>${row.schedule ? `<br><code title="schedule">${escapeHtml(row.schedule)}</code>` : ''}</td>
<td>${escapeHtml(row.owner)}</td>
<td class="status ${statusClass}">${escapeHtml(row.status)}${row.running ? ' <span class="running">running…</span>' : ''}</td>
<td class="verified">${verified}</td>
<td class="fresh">${fresh}</td>
<td>${findings}</td>
</tr>`
}

function describeAgo(iso: string, now: number): string {
  const ms = now - Date.parse(iso)
  return ms < 45_000 ? 'just now' : `${formatDuration(ms)} ago`
}
