import { isStale } from '../../runs/index.js'
import { createSqliteStore } from '../../store/index.js'
import type { CliIo } from '../cli-io.js'
import { createStyle, shouldUseColour } from '../console-style.js'
import { EXIT } from '../exit-code.js'
import type { GlobalOptions } from '../global-options.js'
import { loadWorkspace } from '../load-workspace.js'
import { formatRelativeTime } from '../relative-time.js'

/** `upcheck status`: contract, owner, status, last verified, stale — from the store, without probing. */
export async function runStatusCommand(options: GlobalOptions, io: CliIo): Promise<number> {
  const workspace = await loadWorkspace(options, io.cwd())
  const store = createSqliteStore(workspace.config.store)
  const now = Date.now()
  let rows
  try {
    const latest = new Map(store.listLatest().map((l) => [l.contract, l]))
    rows = workspace.contracts.map((c) => {
      const l = latest.get(c.name)
      return {
        name: c.name,
        owner: c.owner,
        status: l?.status ?? 'never run',
        lastVerifiedAt: l?.lastVerifiedAt ?? null,
        lastRunAt: l?.finishedAt ?? null,
        stale: isStale(l?.lastVerifiedAt, c.freshnessMs, now),
        freshness: c.freshness,
      }
    })
  } finally {
    store.close()
  }
  for (const error of workspace.errors) io.stderr.write(`error ${error.message} [${error.code}]\n`)
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify({ generatedAt: new Date(now).toISOString(), contracts: rows }, null, 2)}\n`,
    )
  } else if (!options.quiet) {
    const style = createStyle(shouldUseColour(io.stdout, io.env))
    const table = [
      ['CONTRACT', 'OWNER', 'STATUS', 'LAST VERIFIED', 'STALE'],
      ...rows.map((r) => [
        r.name,
        r.owner,
        r.status,
        r.lastVerifiedAt ? formatRelativeTime(r.lastVerifiedAt, now) : 'never',
        r.stale ? `stale (> ${r.freshness})` : 'no',
      ]),
    ]
    const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)))
    table.forEach((row, index) => {
      const line = row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()
      const colour =
        index === 0
          ? style.bold
          : row[2] === 'broken'
            ? style.red
            : row[2] === 'unreachable' || row[4] !== 'no'
              ? style.yellow
              : (s: string) => s
      io.stdout.write(`${colour(line)}\n`)
    })
  }
  return workspace.errors.length > 0 ? EXIT.usage : EXIT.ok
}
