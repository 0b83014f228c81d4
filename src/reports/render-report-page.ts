import { formatDuration, formatTimestamp } from '../alerts/index.js'
import type { Finding } from '../model/index.js'
import { escapeHtml } from '../text/index.js'
import { groupFindings } from './group-findings.js'
import { renderFleetSection } from './render-fleet-section.js'
import { statusClass, type ContractPage, type ReportPage } from './report-page.js'

export interface RenderReportPageOptions {
  /**
   * Cuts secrets out of every text before it is escaped: the page is written to disk or served.
   * Default: none (the store's rows were scrubbed when written).
   */
  scrub?: (text: string) => string
  /** Seconds between the page's own reloads, for the daemon's live page; none for a file. */
  refreshSeconds?: number
  /** Footer links, `[label, href]`: the daemon's machine-readable endpoints. */
  links?: readonly (readonly [string, string])[]
}

/**
 * `reports/index.html` and the daemon's status page: plain HTML and CSS, no script, so it
 * works from a file, on a phone and in a mail client's preview alike.
 * @note Times are written absolute with their distance from `generatedAt`: a report file is
 * read hours later, when "2 h ago" alone would be wrong.
 */
export function renderReportPage(page: ReportPage, options: RenderReportPageOptions = {}): string {
  const scrub = options.scrub ?? ((text: string) => text)
  const t = (text: string) => escapeHtml(scrub(text))
  const now = Date.parse(page.generatedAt)
  const count = (status: ContractPage['status']) =>
    page.contracts.filter((c) => c.status === status).length
  const stale = page.contracts.filter((c) => c.stale).length
  const pending = page.contracts.filter((c) => c.handoff).length
  const summary = [
    `${page.contracts.length} contract${page.contracts.length === 1 ? '' : 's'}`,
    `${count('verified')} verified`,
    `${count('broken')} broken`,
    `${count('unreachable')} unreachable`,
    ...(count('never run') > 0 ? [`${count('never run')} never run`] : []),
    `${stale} stale`,
    ...(pending > 0 ? [`${pending} handoff${pending === 1 ? '' : 's'} pending`] : []),
    `${page.outbox.pending} alert${page.outbox.pending === 1 ? '' : 's'} waiting to be sent`,
  ].join(' · ')
  const refresh =
    options.refreshSeconds !== undefined
      ? `\n<meta http-equiv="refresh" content="${options.refreshSeconds}">`
      : ''
  const links = (options.links ?? []).map(([label, href]) => `<a href="${t(href)}">${t(label)}</a>`)
  const footer = [
    `Generated <time datetime="${t(page.generatedAt)}">${t(formatTimestamp(page.generatedAt))}</time>`,
    ...(options.refreshSeconds !== undefined
      ? [`refreshes every ${options.refreshSeconds} s`]
      : []),
    ...(links.length > 0 ? [`machine-readable: ${links.join(' · ')}`] : []),
  ].join('; ')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">${refresh}
<title>upcheck: ${count('broken') > 0 ? `${count('broken')} broken` : 'status'}</title>
<style>${css}</style>
</head>
<body>
<header>
<h1>upcheck</h1>
<p class="summary">${t(summary)}</p>
</header>
${page.errors.length > 0 ? `<ul class="errors">${page.errors.map((e) => `<li>${t(e.message)} <code>[${t(e.code)}]</code></li>`).join('')}</ul>\n` : ''}<main>
${page.contracts.map((c) => renderContract(c, now, t, page.fleet?.ranBy[c.name]?.worker)).join('\n')}
</main>
${renderFleetSection(page.fleet, t)}<footer>${footer}</footer>
</body>
</html>
`
}

type Text = (text: string) => string

/** `worker`: with a fleet, the worker that runs or last ran the contract. */
function renderContract(c: ContractPage, now: number, t: Text, worker?: string): string {
  const when = (iso: string) =>
    `<time datetime="${t(iso)}" title="${t(iso)}">${t(formatTimestamp(iso))}</time> <span class="ago">(${t(describeAgo(iso, now))})</span>`
  const facts: [string, string][] = [
    [
      'Owner',
      t(c.owner) +
        (c.handoff
          ? `<br><span class="handoff">handoff to ${t(c.handoff.to)} pending since ${when(c.handoff.since)}</span>`
          : ''),
    ],
    ['Last verified', c.lastVerifiedAt ? when(c.lastVerifiedAt) : 'never'],
    [
      'Freshness',
      c.stale
        ? `<span class="stale">stale</span> (no verified run within ${t(c.freshness)})`
        : `fresh (within ${t(c.freshness)})`,
    ],
    ...(c.brokenSince ? [['Broken since', when(c.brokenSince)] as [string, string]] : []),
    ...(c.lastRunAt ? [['Last run', when(c.lastRunAt)] as [string, string]] : []),
    ...(c.schedule ? [['Schedule', `<code>${t(c.schedule)}</code>`] as [string, string]] : []),
    ...(worker ? [['Worker', t(worker)] as [string, string]] : []),
  ]
  return `<section class="contract ${statusClass(c.status)}" id="contract-${t(c.name)}" data-contract="${t(c.name)}" data-status="${t(c.status)}"${c.stale ? ' data-stale="true"' : ''}>
<h2><span class="name">${t(c.name)}</span> <span class="status ${statusClass(c.status)}">${t(c.status)}</span>${c.stale ? ' <span class="stale marker">stale</span>' : ''}${c.running ? ' <span class="running">running…</span>' : ''}</h2>
<dl class="facts">${facts.map(([k, v]) => `<div><dt>${k}</dt><dd class="${k.toLowerCase().replace(' ', '-')}">${v}</dd></div>`).join('')}</dl>
${renderStrip(c, t)}
${renderFindings(c, t)}
${renderReceipts(c, t)}
</section>`
}

function renderStrip(c: ContractPage, t: Text): string {
  if (c.recentRuns.length === 0) return '<p class="muted">No runs yet.</p>'
  const cells = c.recentRuns
    .map((run) => {
      const label = `${formatTimestamp(run.finishedAt)}: ${run.status}`
      return `<li class="run ${statusClass(run.status)}" title="${t(label)}" aria-label="${t(label)}"></li>`
    })
    .join('')
  return `<div class="history"><h3>Last ${c.recentRuns.length} run${c.recentRuns.length === 1 ? '' : 's'}, oldest first</h3><ol class="strip">${cells}</ol></div>`
}

function renderFindings(c: ContractPage, t: Text): string {
  if (c.findingCount === 0) return ''
  const probe = c.findings.filter((f) => f.source === 'probe')
  const spec = c.findings.filter((f) => f.source === 'spec')
  const affecting = spec.filter((f) => f.affectsInteractions !== false)
  const elsewhere = spec.length - affecting.length
  const item = (f: Finding) =>
    `<li><span class="severity severity-${t(f.severity)}">${t(f.severity)}</span> ${f.rule ? `<code>${t(f.rule)}</code> ` : ''}${t(f.message)}</li>`
  const parts: string[] = []
  if (probe.length > 0) {
    parts.push('<h3>Findings by interaction</h3>')
    for (const [interaction, findings] of groupFindings(probe))
      parts.push(
        `<h4 class="interaction">${t(interaction)}</h4><ul class="findings">${findings.map(item).join('')}</ul>`,
      )
  }
  if (affecting.length > 0)
    parts.push(
      `<h3>Spec changes that affect it</h3><ul class="findings spec">${affecting.map(item).join('')}</ul>`,
    )
  if (elsewhere > 0)
    parts.push(
      `<p class="muted">${elsewhere} more spec change${elsewhere === 1 ? '' : 's'} touch${elsewhere === 1 ? 'es' : ''} nothing the recorded interactions use.</p>`,
    )
  if (c.findingCount > c.findings.length)
    parts.push(
      `<p class="muted">…and ${c.findingCount - c.findings.length} more findings in reports/latest.json.</p>`,
    )
  return `<div class="latest-findings">${parts.join('\n')}</div>`
}

function renderReceipts(c: ContractPage, t: Text): string {
  if (c.receipts.length === 0) return ''
  const lines = c.receipts.map(
    (r) =>
      `<li><span class="seq">#${r.sequence}</span> ${t(r.kind)} · <time datetime="${t(r.createdAt)}">${t(formatTimestamp(r.createdAt))}</time> · sha256 <code class="digest">${t(r.digest)}</code>${r.signers.length > 0 ? ` · signed by <code>${r.signers.map((k) => t(k.slice(0, 16))).join('</code>, <code>')}</code>` : ''}</li>`,
  )
  return `<div class="receipts"><h3>Latest receipts</h3><ol>${lines.join('')}</ol><p class="muted">Check the chain: <code>upcheck receipts ${t(c.name)} --verify</code></p></div>`
}

function describeAgo(iso: string, now: number): string {
  const ms = now - Date.parse(iso)
  return ms < 45_000 ? 'just now' : `${formatDuration(ms)} ago`
}

const css = `
  :root { color-scheme: light dark; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --none: #8c959f; --muted: #656d76; --line: #d0d7de; }
  * { box-sizing: border-box; }
  body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; padding: 1rem; max-width: 80rem; }
  h1 { font-size: 1.3rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.1rem; margin: 0 0 .5rem; display: flex; flex-wrap: wrap; gap: .4rem; align-items: baseline; }
  h3 { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); margin: .9rem 0 .3rem; }
  h4 { font-size: .9rem; margin: .5rem 0 .2rem; }
  .summary, .muted, .ago { color: var(--muted); }
  .summary { margin: 0 0 1rem; }
  main { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 34rem), 1fr)); }
  .contract { border: 1px solid var(--line); border-left-width: 6px; border-radius: 6px; padding: .75rem 1rem; min-width: 0; }
  .contract.status-verified { border-left-color: var(--ok); }
  .contract.status-broken { border-left-color: var(--bad); }
  .contract.status-unreachable { border-left-color: var(--warn); }
  .contract.status-never-run { border-left-color: var(--none); }
  .status { font-weight: 600; }
  .status.status-verified { color: var(--ok); }
  .status.status-broken { color: var(--bad); }
  .status.status-unreachable, .stale, .handoff { color: var(--warn); }
  .status.status-never-run { color: var(--muted); }
  .stale, .handoff { font-weight: 600; }
  .running { color: var(--muted); font-size: .8rem; }
  dl.facts { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: .15rem .75rem; }
  dl.facts > div { display: contents; }
  dt { color: var(--muted); }
  dd { margin: 0; min-width: 0; }
  ol.strip { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 2px; }
  li.run { width: 10px; height: 22px; border-radius: 2px; background: var(--none); }
  li.run.status-verified { background: var(--ok); }
  li.run.status-broken { background: var(--bad); }
  li.run.status-unreachable { background: var(--warn); }
  ul.findings, .receipts ol { margin: 0; padding-left: 1.1rem; }
  .severity { font-size: .75rem; font-weight: 600; text-transform: uppercase; }
  .severity-breaking { color: var(--bad); }
  .severity-warning { color: var(--warn); }
  .severity-info { color: var(--muted); }
  .seq { color: var(--muted); }
  code { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; }
  .contract, li, dd, p { overflow-wrap: anywhere; }
  code.digest { word-break: break-all; }
  .errors { color: var(--bad); overflow-wrap: anywhere; }
  footer { color: var(--muted); margin-top: 1rem; font-size: .8rem; }
  .workers table { border-collapse: collapse; width: 100%; }
  .workers th, .workers td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); }
  .worker-alive { color: var(--ok); } .worker-silent { color: var(--warn); } .worker-stopped { color: var(--muted); }
  @media (max-width: 30rem) { body { padding: .6rem; } dl.facts { grid-template-columns: 1fr; } dt { margin-top: .3rem; } }
`
