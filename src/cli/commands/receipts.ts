import { dirname, join, relative, resolve } from 'node:path'
import { UpcheckError, type StoredReceipt } from '../../model/index.js'
import {
  INSTANCE_KEYS_FOLDER,
  instanceKeyFolder,
  envelopePayload,
  loadTrustedKeys,
  verifyReceiptChain,
  verifyReceiptExport,
  writeReceiptExport,
  type ChainVerdict,
  type TrustedKey,
} from '../../receipts/index.js'
import { openStore } from '../../store/index.js'
import type { CliIo } from '../cli-io.js'
import { EXIT, decideReceiptsExitCode } from '../exit-code.js'
import type { GlobalOptions } from '../global-options.js'
import { loadWorkspace, type Workspace } from '../load-workspace.js'

export interface ReceiptsFlags extends GlobalOptions {
  verify?: boolean
  out?: string
}

/**
 * The keys a verifier on this machine trusts: the team's `keys/*.pem` beside `contracts/`,
 * and the instance's own public key in `.upcheck/keys/`.
 */
export function loadWorkspaceKeys(
  workspace: Workspace,
  cwd: string,
): Promise<Map<string, TrustedKey>> {
  return loadTrustedKeys([
    join(dirname(workspace.contractsDir), 'keys'),
    join(instanceKeyFolder(workspace.config.store, cwd), INSTANCE_KEYS_FOLDER),
  ])
}

/** `upcheck receipts <contract> [--json] [--verify]`: a contract's chain, newest first. */
export async function runReceiptsCommand(
  name: string,
  flags: ReceiptsFlags,
  io: CliIo,
): Promise<number> {
  const workspace = await loadWorkspace(flags, io.cwd())
  const store = await openStore(workspace.config, io.env, { readOnly: true })
  let receipts: StoredReceipt[]
  try {
    receipts = await store.listReceipts(name)
  } finally {
    await store.close()
  }
  if (receipts.length === 0)
    throw new UpcheckError(
      'USAGE',
      `No receipts for "${name}" in ${relative(io.cwd(), workspace.config.store) || '.'}: it has not been verified here yet.`,
    )
  const verdict = flags.verify
    ? verifyReceiptChain(
        receipts.map((r) => r.envelope),
        await loadWorkspaceKeys(workspace, io.cwd()),
      )
    : undefined
  const rows = receipts.map(describeReceipt).reverse()
  if (flags.json)
    io.stdout.write(
      `${JSON.stringify({ contract: name, receipts: rows, ...(verdict && { verification: verdict }) }, null, 2)}\n`,
    )
  else if (!flags.quiet)
    for (const row of rows)
      io.stdout.write(
        `#${row.sequence}  ${row.kind.padEnd(17)}  ${row.at}  ${row.by}  ${row.status ?? '-'}  ${row.digest.slice(0, 16)}\n`,
      )
  if (verdict) reportVerdicts([verdict], io, flags)
  return verdict ? decideReceiptsExitCode([verdict]) : EXIT.ok
}

/** `upcheck receipts export [contract…] --out DIR`: the chains and their signers' keys. */
export async function runReceiptsExportCommand(
  names: readonly string[],
  flags: ReceiptsFlags,
  io: CliIo,
): Promise<number> {
  if (!flags.out) throw new UpcheckError('USAGE', 'receipts export needs --out DIR.')
  const workspace = await loadWorkspace(flags, io.cwd())
  const store = await openStore(workspace.config, io.env, { readOnly: true })
  const chains = new Map<string, StoredReceipt['envelope'][]>()
  try {
    for (const name of names.length ? names : await store.listReceiptContracts()) {
      const receipts = await store.listReceipts(name)
      if (receipts.length === 0)
        throw new UpcheckError('USAGE', `No receipts for "${name}": nothing to export.`)
      chains.set(
        name,
        receipts.map((r) => r.envelope),
      )
    }
  } finally {
    await store.close()
  }
  const keys = await loadWorkspaceKeys(workspace, io.cwd())
  const out = resolve(io.cwd(), flags.out)
  const written = await writeReceiptExport(out, chains, [...keys.values()])
  if (flags.json) io.stdout.write(`${JSON.stringify({ out, ...written })}\n`)
  else if (!flags.quiet)
    io.stdout.write(
      `${written.receipts} receipts of ${chains.size} contracts and ${written.keys} keys written to ${relative(io.cwd(), out) || '.'}\n`,
    )
  return EXIT.ok
}

/** `upcheck receipts verify DIR`: an export checked offline against its own keys. */
export async function runReceiptsVerifyCommand(
  dir: string,
  flags: ReceiptsFlags,
  io: CliIo,
): Promise<number> {
  let verdicts: ChainVerdict[]
  try {
    verdicts = await verifyReceiptExport(resolve(io.cwd(), dir))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UpcheckError(
        'USAGE',
        `${dir} holds no receipts export: ${(error as Error).message}`,
      )
    // A line that is not JSON is a tampered export, not a usage mistake.
    const problem = { firstBad: { problem: 'unreadable', detail: (error as Error).message } }
    if (flags.json) io.stdout.write(`${JSON.stringify({ verified: false, ...problem })}\n`)
    else io.stderr.write(`receipts: ${(error as Error).message}\n`)
    return decideReceiptsExitCode([problem])
  }
  if (flags.json)
    io.stdout.write(
      `${JSON.stringify({ verified: verdicts.every((v) => !v.firstBad), chains: verdicts }, null, 2)}\n`,
    )
  reportVerdicts(verdicts, io, flags)
  return decideReceiptsExitCode(verdicts)
}

function reportVerdicts(verdicts: readonly ChainVerdict[], io: CliIo, flags: ReceiptsFlags) {
  for (const verdict of verdicts) {
    const bad = verdict.firstBad
    if (bad)
      io.stderr.write(
        `${verdict.contract ?? '(unknown contract)'}: receipt ${bad.sequence ?? `at position ${bad.index + 1}`} (${bad.digest.slice(0, 16)}) ${bad.problem}: ${bad.detail}\n`,
      )
    else if (!flags.quiet && !flags.json)
      io.stdout.write(
        `${verdict.contract}: ${verdict.verified} receipts verified, head ${verdict.head?.slice(0, 16)}\n`,
      )
  }
}

function describeReceipt(receipt: StoredReceipt) {
  const predicate = readPredicate(receipt)
  return {
    sequence: receipt.sequence,
    kind: receipt.kind,
    at: receipt.createdAt,
    by: typeof predicate.by === 'string' ? predicate.by : '?',
    ...(typeof predicate.status === 'string' ? { status: predicate.status } : {}),
    signers: receipt.envelope.signatures.map((s) => s.keyid),
    digest: receipt.digest,
  }
}

function readPredicate(receipt: StoredReceipt): Record<string, unknown> {
  try {
    const statement = JSON.parse(envelopePayload(receipt.envelope).toString('utf8'))
    return typeof statement?.predicate === 'object' && statement.predicate
      ? statement.predicate
      : {}
  } catch {
    return {}
  }
}
