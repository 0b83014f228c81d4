import {
  buildStatusSnapshot,
  describePendingHandoff,
  type ContractStatusRow,
} from '../../reports/index.js'
import { openStore } from '../../store/index.js'
import type { CliIo } from '../cli-io.js'
import { createStyle, shouldUseColour } from '../console-style.js'
import { UpcheckError } from '../../model/index.js'
import {
  decideStatusExitCode,
  STATUS_FAIL_CONDITIONS,
  type StatusFailCondition,
} from '../exit-code.js'
import type { GlobalOptions } from '../global-options.js'
import { loadWorkspace } from '../load-workspace.js'
import { formatRelativeTime } from '../relative-time.js'
import { createStderrLines } from '../stderr-lines.js'

export interface StatusOptions extends GlobalOptions {
  /** `broken`, `stale`, `unreachable`, comma-separated: exit non-zero when one holds (cron checks). */
  failOn?: string
}

/** `upcheck status`: contract, owner, status, last verified, stale — from the store, without probing. */
export async function runStatusCommand(options: StatusOptions, io: CliIo): Promise<number> {
  const failOn = parseFailOn(options.failOn)
  const workspace = await loadWorkspace(options, io.cwd())
  const store = await openStore(workspace.config, io.env, { readOnly: true })
  const now = Date.now()
  let snapshot
  try {
    snapshot = await buildStatusSnapshot({
      contracts: workspace.contracts,
      errors: workspace.errors,
      store,
      now,
      busy: new Set(),
      withFindings: false,
    })
  } finally {
    await store.close()
  }
  const lines = createStderrLines(io)
  for (const error of workspace.errors) lines.error(error)
  if (options.json) {
    const contracts = snapshot.contracts.map(pickStatusFields)
    io.stdout.write(
      `${JSON.stringify({ generatedAt: snapshot.generatedAt, contracts }, null, 2)}\n`,
    )
  } else if (!options.quiet) {
    io.stdout.write(renderStatusTable(snapshot.contracts, now, shouldUseColour(io.stdout, io.env)))
  }
  return decideStatusExitCode(workspace.errors.length, snapshot.contracts, failOn)
}

/** `--fail-on broken,stale`: each word checked, so a typo never turns a cron check off. */
function parseFailOn(value: string | undefined): StatusFailCondition[] {
  if (value === undefined) return []
  const words = value.split(',').map((w) => w.trim().toLowerCase())
  const known = new Set<string>(STATUS_FAIL_CONDITIONS)
  const unknown = words.filter((w) => !known.has(w))
  if (unknown.length > 0)
    throw new UpcheckError(
      'USAGE',
      `--fail-on ${value}: ${unknown.map((w) => JSON.stringify(w)).join(', ')} is not a condition. Give one or more of ${STATUS_FAIL_CONDITIONS.join(', ')}, separated by commas.`,
    )
  return words as StatusFailCondition[]
}

/** The fields `status --json` has always printed: the daemon's row also says what runs when. */
function pickStatusFields(row: ContractStatusRow) {
  const { name, owner, status, lastVerifiedAt, lastRunAt, stale, freshness, handoff } = row
  return {
    name,
    owner,
    status,
    lastVerifiedAt,
    lastRunAt,
    stale,
    freshness,
    ...(handoff && { handoff }),
  }
}

function renderStatusTable(rows: readonly ContractStatusRow[], now: number, colour: boolean) {
  const style = createStyle(colour)
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
  const handoffs = rows.flatMap((r) =>
    r.handoff
      ? [
          `${r.name}: ${describePendingHandoff(r.handoff)}; ${r.handoff.to} accepts with: upcheck owner accept ${r.name} --key FILE\n`,
        ]
      : [],
  )
  const lines = table
    .map((row, index) => {
      const line = row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()
      const paint =
        index === 0
          ? style.bold
          : row[2] === 'broken'
            ? style.red
            : row[2] === 'unreachable' || row[4] !== 'no'
              ? style.yellow
              : (s: string) => s
      return `${paint(line)}\n`
    })
    .join('')
  return handoffs.length > 0 ? `${lines}\n${style.yellow(handoffs.join(''))}` : lines
}
