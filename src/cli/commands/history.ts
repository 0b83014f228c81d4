import { existsSync } from 'node:fs'
import { relative } from 'node:path'
import {
  UpcheckError,
  type BodyExcerpt,
  type ExchangeEvidence,
  type Finding,
  type Run,
} from '../../model/index.js'
import { checkRunEvidence, type EvidenceCheck } from '../../receipts/index.js'
import { escapeControlBytes } from '../../runs/index.js'
import { EXCERPT_LIMIT_BYTES } from '../../text/index.js'
import { openStore, type RunRecord, type RunSummary } from '../../store/index.js'
import type { CliIo } from '../cli-io.js'
import { EXIT, decideHistoryExitCode } from '../exit-code.js'
import type { GlobalOptions } from '../global-options.js'
import { loadWorkspace, unknownContractError } from '../load-workspace.js'
import { createStderrLines } from '../stderr-lines.js'

export interface HistoryFlags extends GlobalOptions {
  /** Runs listed; default 20. */
  limit?: string
  /** Show this run whole. */
  run?: string
}

const DEFAULT_LIMIT = 20

/**
 * `upcheck history <contract> [--limit N] [--run ID]`: the contract's runs, newest first, or
 * one run with its findings, failing exchanges and receipt. Read-only: a project never
 * verified here has no history, and gets no store created by asking.
 */
export async function runHistoryCommand(
  name: string,
  flags: HistoryFlags,
  io: CliIo,
): Promise<number> {
  const limit = parseLimit(flags.limit)
  const workspace = await loadWorkspace(flags, io.cwd())
  if (!workspace.contracts.some((c) => c.name === name))
    throw unknownContractError(workspace, name, io.cwd())
  const { store: location } = workspace.config
  const isFile = !/^postgres(ql)?:\/\//i.test(location)
  if (isFile && !existsSync(location)) {
    const where = relative(io.cwd(), location) || location
    if (flags.run !== undefined)
      throw new UpcheckError(
        'USAGE',
        `No run "${flags.run}" of ${name}: there is no history yet (no store at ${where}).`,
      )
    if (flags.json) io.stdout.write(`${JSON.stringify({ contract: name, runs: [] }, null, 2)}\n`)
    else if (!flags.quiet)
      io.stdout.write(`No history of ${name} yet: nothing has been verified here (${where}).\n`)
    return EXIT.ok
  }
  const store = await openStore(workspace.config, io.env)
  try {
    if (flags.run === undefined) {
      printRuns(name, await store.listRuns(name, limit), flags, io)
      return EXIT.ok
    }
    const record = await store.readRun(name, flags.run)
    if (!record)
      throw new UpcheckError(
        'USAGE',
        `No run "${flags.run}" of ${name}. \`upcheck history ${name}\` lists its runs and their ids.`,
      )
    const check = checkRunEvidence(record.run, record.receipt)
    printRun(record, check, flags, io)
    if (check.state === 'mismatch')
      createStderrLines(io).errorText(
        `run ${record.run.id} of ${name}: its evidence is not what its receipt signed (${check.detail}); the store was changed after the run.`,
      )
    return decideHistoryExitCode(check.state !== 'mismatch')
  } finally {
    await store.close()
  }
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT
  const limit = Number(value)
  if (!Number.isInteger(limit) || limit < 1)
    throw new UpcheckError('USAGE', `--limit must be a whole number from 1, got "${value}".`)
  return limit
}

function describeWorker(run: Pick<Run, 'host' | 'pid'>): string {
  if (run.host === undefined) return '-'
  return run.pid === undefined ? run.host : `${run.host} (pid ${run.pid})`
}

function describeCounts(run: Pick<Run, 'counts'>): string {
  const c = run.counts
  const parts = [`${c.passed}/${c.total} passed`]
  if (c.failed) parts.push(`${c.failed} failed`)
  if (c.unreachable) parts.push(`${c.unreachable} unreachable`)
  if (c.skipped) parts.push(`${c.skipped} skipped`)
  return parts.join(', ')
}

function printRuns(name: string, runs: readonly RunSummary[], flags: HistoryFlags, io: CliIo) {
  if (flags.json) {
    io.stdout.write(`${JSON.stringify({ contract: name, runs }, null, 2)}\n`)
    return
  }
  if (flags.quiet) return
  if (runs.length === 0) {
    io.stdout.write(`No runs of ${name} yet.\n`)
    return
  }
  const table = [
    ['RUN', 'STATUS', 'STARTED', 'FINISHED', 'SLOT', 'PROBES', 'WORKER'],
    ...runs.map((run) => [
      run.id,
      run.status,
      run.startedAt,
      run.finishedAt,
      run.slot ?? '-',
      describeCounts(run),
      escapeControlBytes(describeWorker(run)),
    ]),
  ]
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)))
  for (const row of table)
    io.stdout.write(
      `${row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()}\n`,
    )
}

/** Spec findings that touch what the interactions use: the spec changes that affected the run. */
function selectSpecChanges(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.source === 'spec' && f.affectsInteractions === true)
}

function printRun(record: RunRecord, check: EvidenceCheck, flags: HistoryFlags, io: CliIo) {
  const { run, receipt } = record
  const specChanges = selectSpecChanges(run.findings)
  if (flags.json) {
    const { evidence, ...rest } = run
    io.stdout.write(
      `${JSON.stringify(
        {
          contract: run.contract,
          run: rest,
          specChanges,
          evidence: evidence ?? null,
          receipt: receipt ? { sequence: receipt.sequence, digest: receipt.digest } : null,
          evidenceCheck: check,
        },
        null,
        2,
      )}\n`,
    )
    return
  }
  if (flags.quiet) return
  const out: string[] = [
    `run ${run.id} of ${run.contract}: ${run.status}`,
    `  started   ${run.startedAt}`,
    `  finished  ${run.finishedAt}`,
    `  slot      ${run.slot ?? '- (not a scheduled run)'}`,
    `  worker    ${escapeControlBytes(describeWorker(run))}`,
    `  probes    ${describeCounts(run)}`,
    `  receipt   ${receipt ? `#${receipt.sequence} ${receipt.digest}` : '- (none written)'}`,
    `  evidence  ${describeCheck(check)}`,
  ]
  const probeFindings = run.findings.filter((f) => f.source === 'probe')
  if (probeFindings.length > 0) {
    out.push('', 'findings:')
    for (const f of probeFindings) out.push(`  ${f.severity.padEnd(8)}  ${f.message}`)
  }
  if (specChanges.length > 0) {
    out.push('', 'spec changes that affect it:')
    for (const f of specChanges)
      out.push(`  ${f.severity.padEnd(8)}  ${f.rule ? `${f.rule}: ` : ''}${f.message}`)
  }
  const evidence = run.evidence
  if (evidence) {
    const kept = evidence.exchanges.length
    out.push(
      '',
      evidence.omitted > 0
        ? `failing exchanges (the first ${kept} of ${kept + evidence.omitted}):`
        : 'failing exchanges:',
    )
    for (const exchange of evidence.exchanges) out.push(...describeExchange(exchange))
  }
  io.stdout.write(`${out.map(escapeControlBytes).join('\n')}\n`)
}

function describeCheck(check: EvidenceCheck): string {
  const digest = check.digest ? `sha256 ${check.digest}` : 'none kept'
  if (check.state === 'intact') return `${digest}, as its receipt signed`
  if (check.state === 'unreceipted') return `${digest} (no receipt to check it against)`
  return `${digest}: DOES NOT MATCH its receipt`
}

function describeExchange(exchange: ExchangeEvidence): string[] {
  const tries = exchange.attempts === 1 ? '1 try' : `${exchange.attempts} tries`
  const lines = [
    '',
    `  ${exchange.interaction} (${exchange.operation}): ${exchange.verdict} after ${tries}`,
  ]
  const { request, response } = exchange
  if (request) {
    lines.push(`    > ${request.method} ${request.url}`)
    lines.push(...describeHeaders('    > ', request.headers))
    if (request.body) lines.push(...describeBody('    > ', request.body))
  }
  if (response) {
    lines.push(`    < ${response.status}`)
    lines.push(...describeHeaders('    < ', response.headers))
    if (response.body) lines.push(...describeBody('    < ', response.body))
  }
  if (exchange.problem) lines.push(`    ! ${exchange.problem}`)
  return lines
}

function describeHeaders(prefix: string, headers: Record<string, string | string[]>): string[] {
  return Object.entries(headers).flatMap(([name, value]) =>
    [value].flat().map((v) => `${prefix}${name}: ${v}`),
  )
}

function describeBody(prefix: string, body: BodyExcerpt): string[] {
  const lines = [prefix.trimEnd(), ...body.text.split('\n').map((line) => `${prefix}${line}`)]
  const kind = body.encoding === 'base64' ? ', base64' : ''
  if (body.truncated)
    lines.push(
      `${prefix}… (cut: the first ${EXCERPT_LIMIT_BYTES / 1024} KiB of ${body.bytes} bytes${kind})`,
    )
  else if (kind) lines.push(`${prefix}(${body.bytes} bytes${kind})`)
  return lines
}
