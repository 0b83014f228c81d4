import type { FleetStatus } from '../model/index.js'

/**
 * The daemon page's "Workers" table: every daemon sharing the store, alive or not, what it
 * runs now and how many contracts' latest run was its. Empty without a fleet.
 * @param t escapes (and scrubs) text for HTML.
 */
export function renderFleetSection(
  fleet: FleetStatus | undefined,
  t: (text: string) => string,
): string {
  if (!fleet || fleet.workers.length === 0) return ''
  const alive = fleet.workers.filter((w) => w.alive).length
  const rows = fleet.workers.map((w) => {
    const name = w.statusUrl ? `<a href="${t(w.statusUrl)}">${t(w.id)}</a>` : t(w.id)
    const state = w.alive ? 'alive' : w.stoppedAt ? 'stopped' : 'silent'
    return `<tr data-worker="${t(w.id)}" data-alive="${w.alive}"><td class="name">${name}</td><td>${t(w.host)} (pid ${w.pid})</td><td class="worker-${state}">${state}</td><td><time datetime="${t(w.beatAt)}">${t(w.beatAt)}</time></td><td>${w.running}</td><td>${w.latestRuns}</td></tr>`
  })
  return `<section class="workers">
<h2>Workers <span class="muted">${alive} of ${fleet.workers.length} alive</span></h2>
<table>
<thead><tr><th>Worker</th><th>Host</th><th>State</th><th>Last heartbeat</th><th>Running now</th><th>Latest runs</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>
`
}
