import { Command, CommanderError, Option, type OptionValues } from 'commander'
import { UpcheckError } from '../model/index.js'
import type { CliIo } from './cli-io.js'
import type { BaselineFlags } from './commands/baseline.js'
import type { DiffFlags } from './commands/diff.js'
import type { HistoryFlags } from './commands/history.js'
import type { InteractionsFlags } from './commands/interactions.js'
import type { KeysCreateFlags } from './commands/keys.js'
import type { OwnerAcceptFlags } from './commands/owner.js'
import type { ReceiptsFlags } from './commands/receipts.js'
import type { RecordOptions } from './recording-options.js'
import type { ScheduleOptions } from './commands/schedule.js'
import type { StoreMigrateFlags } from './commands/store.js'
import { EXIT, decideErrorExitCode } from './exit-code.js'
import type { GlobalOptions } from './global-options.js'
import { readVersion } from './read-version.js'
import { createStderrLines } from './stderr-lines.js'

/** Parses `argv` (without node and the script), runs the command and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok
  const program = new Command('upcheck')
    .description(
      'Keeps third-party integrations honest: replays recorded interactions, diffs upstream specs, records when each contract was last verified.',
    )
    .option('--contracts <dir>', 'folder of contracts', undefined)
    .option('--reports <dir>', 'folder the reports are written to')
    .option('--config <file>', 'config file (default upcheck.config.yaml when present)')
    .option(
      '--store <path-or-url>',
      'SQLite file or postgres:// URL (default: UPCHECK_STORE, then the config)',
    )
    .option('--json', 'machine output on stdout')
    .option('--quiet', 'print only errors')
    .version(readVersion(), '-V, --version', 'print the version of upcheck')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showSuggestionAfterError(true)

  /** The command's flags with the global ones. */
  const flags = <T extends OptionValues = GlobalOptions>(c: Command): T => {
    const options = c.optsWithGlobals<T>()
    // @note UPCHECK_STORE stands in for --store, from the environment the command was given.
    return options.store === undefined && io.env.UPCHECK_STORE
      ? { ...options, store: io.env.UPCHECK_STORE }
      : options
  }
  /**
   * @note Each command module is imported when it runs: the OpenAPI loader, SMTP and the
   * daemon's metrics cost a third of a second of start-up that a plain verify or status need not pay.
   */
  const load = {
    init: () => import('./commands/init.js'),
    verify: () => import('./commands/verify.js'),
    schedule: () => import('./commands/schedule.js'),
    diff: () => import('./commands/diff.js'),
    baseline: () => import('./commands/baseline.js'),
    status: () => import('./commands/status.js'),
    validate: () => import('./commands/validate.js'),
    interactions: () => import('./commands/interactions.js'),
    record: () => import('./commands/record.js'),
    import: () => import('./commands/import.js'),
    receipts: () => import('./commands/receipts.js'),
    keys: () => import('./commands/keys.js'),
    store: () => import('./commands/store.js'),
    history: () => import('./commands/history.js'),
    owner: () => import('./commands/owner.js'),
  }
  /** An action that keeps its command's exit code. */
  const run =
    <Args extends unknown[]>(command: (...args: Args) => Promise<number>) =>
    async (...args: Args) => {
      exitCode = await command(...args)
    }
  program
    .command('init')
    .description('write an example contract, its interactions and a config')
    .action(run(async (_opts, c: Command) => (await load.init()).runInitCommand(flags(c), io)))
  program
    .command('verify')
    .description('one run of each contract (all by default); writes reports')
    .argument('[names...]', 'contract names')
    .option('--no-alerts', 'record no alert transitions and send no alerts')
    .action(
      run(async (names: string[], _opts, c: Command) =>
        (await load.verify()).runVerifyCommand(names, flags(c), io),
      ),
    )
  program
    .command('schedule')
    .description('the daemon: runs each contract on its cron, sends alerts, serves the status page')
    .option('--port <n>', 'serve the status page, /status.json, /metrics and /healthz on this port')
    .option('--host <address>', 'address the status page listens on', '127.0.0.1')
    .option(
      '--grace <duration>',
      'how long running runs may take to finish on SIGTERM/SIGINT',
      '30s',
    )
    .option(
      '--max-runs <n>',
      'runs in flight at once across all contracts (each keeps its own per-upstream limits)',
      '128',
    )
    .option(
      '--worker <id>',
      "this worker's name among the daemons sharing the store (default <hostname>-<pid>)",
    )
    .option(
      '--lease <duration>',
      "how long a run stays claimed without this worker's heartbeat before another worker may take its contract over",
      '60s',
    )
    .action(
      run(async (_opts, c: Command) =>
        (await load.schedule()).runScheduleCommand(flags<ScheduleOptions>(c), io),
      ),
    )
  program
    .command('diff')
    .description('diff two OpenAPI documents (2.0, 3.0, 3.1; file or URL); exit 1 when breaking')
    .argument('<base>', 'the base document: path or URL')
    .argument('<revision>', 'the revision document: path or URL')
    .option('--interactions <file>', 'a Pact file: mark the changes that touch what it uses')
    .option('--format <format>', 'text, json or markdown (default text; json with --json)')
    .option('--fail-on <level>', 'exit 1 at or above: breaking, warning or never', 'breaking')
    .option('--strict', 'refuse (exit 2) a document that parses but fails validation')
    // Lenient is the default now; the flag stays accepted so older scripts keep working.
    .addOption(new Option('--lenient').hideHelp())
    .action(
      run(async (base: string, revision: string, _opts, c: Command) =>
        (await load.diff()).runDiffCliCommand(base, revision, flags<DiffFlags>(c), io),
      ),
    )
  program
    .command('baseline')
    .description('manage the pinned baseline spec of a contract')
    .command('accept')
    .description(
      "pin the upstream's current spec as the contract's new baseline (shows the diff; recorded in the store)",
    )
    .argument('<contract>', 'contract name')
    .option('--by <name>', 'who accepts it (default: your login name)')
    .option('--key <file>', 'your personal key (upcheck keys create): countersigns the receipt')
    .option('--lenient', 'accept a document that parses but fails validation')
    .action(
      run(async (name: string, _opts, c: Command) =>
        (await load.baseline()).runBaselineAcceptCommand(name, flags<BaselineFlags>(c), io),
      ),
    )
  program
    .command('receipts')
    .description(
      "a contract's signed receipts, newest first; `receipts export [contract…] --out DIR`; `receipts verify DIR`",
    )
    .argument('<contract|export|verify>', 'a contract name, or export / verify')
    .argument('[more...]', 'export: contract names (all by default); verify: the export folder')
    .option('--verify', 'check every signature and link; exit 1 naming the first bad receipt')
    .option('--out <dir>', 'export: the folder to write receipts.jsonl and keys/ to')
    .action(
      run(async (first: string, more: string[], _opts, c: Command) => {
        const commands = await load.receipts()
        const options = flags<ReceiptsFlags>(c)
        if (first === 'export') return commands.runReceiptsExportCommand(more, options, io)
        if (first === 'verify') {
          if (more.length !== 1)
            throw new UpcheckError('USAGE', 'receipts verify needs one folder: the export.')
          return commands.runReceiptsVerifyCommand(more[0]!, options, io)
        }
        if (more.length > 0)
          throw new UpcheckError(
            'USAGE',
            `receipts takes one contract name, not ${more.length + 1}.`,
          )
        return commands.runReceiptsCommand(first, options, io)
      }),
    )
  program
    .command('history')
    .description(
      "a contract's runs, newest first (slot, times, status, probes, worker); --run ID shows one run's evidence",
    )
    .argument('<contract>', 'contract name')
    .option('--limit <n>', 'how many runs to list (default 20)')
    .option('--run <id>', 'show one run: its findings, failing exchanges and receipt digest')
    .action(
      run(async (name: string, _opts, c: Command) =>
        (await load.history()).runHistoryCommand(name, flags<HistoryFlags>(c), io),
      ),
    )
  const keys = program.command('keys').description('signing keys for receipts')
  keys
    .command('create')
    .description(
      'write a personal Ed25519 key (your config folder by default); print its public key',
    )
    .requiredOption('--name <name>', 'whose key it is: "Ann Lee <ann@example.com>"')
    .option('--out <file>', 'where to write the private key')
    .action(
      run(async (_opts, c: Command) =>
        (await load.keys()).runKeysCreateCommand(flags<KeysCreateFlags>(c), io),
      ),
    )
  keys
    .command('rotate')
    .description(
      "replace this instance's signing key: each receipt chain records the rotation, signed by the old key",
    )
    .action(
      run(async (_opts, c: Command) => (await load.keys()).runKeysRotateCommand(flags(c), io)),
    )
  program
    .command('owner')
    .description('owner handoffs')
    .command('accept')
    .description(
      'accept a pending handoff as the new owner: a receipt signed by this instance and by your key',
    )
    .argument('<contract>', 'contract name')
    .option('--key <file>', 'your personal key (upcheck keys create); required')
    .action(
      run(async (name: string, _opts, c: Command) =>
        (await load.owner()).runOwnerAcceptCommand(name, flags<OwnerAcceptFlags>(c), io),
      ),
    )
  program
    .command('store')
    .description('the store itself')
    .command('migrate')
    .description(
      'copy the whole history (runs, alerts and outbox, baselines, receipts, handoffs) into a new, empty store',
    )
    .option('--from <store>', 'SQLite file or postgres:// URL (default: the store in use)')
    .requiredOption('--to <store>', 'the new store: a SQLite file or a postgres:// URL')
    .action(
      run(async (_opts, c: Command) =>
        (await load.store()).runStoreMigrateCommand(flags<StoreMigrateFlags>(c), io),
      ),
    )
  program
    .command('interactions')
    .description(
      "list a contract's recorded interactions and whether verify replays each; --remove takes one out",
    )
    .argument('<contract>', 'contract name or file')
    .option('--remove <description|key>', 'remove that interaction from the Pact file')
    .action(
      run(async (name: string, _opts, c: Command) =>
        (await load.interactions()).runInteractionsCommand(name, flags<InteractionsFlags>(c), io),
      ),
    )
  program
    .command('validate')
    .description(
      'check every contract, Pact file and pinned baseline as verify would, contacting nothing (exit 2 on a problem)',
    )
    .argument('[contracts...]', 'contract names (default: all)')
    .action(
      run(async (names: string[], _opts, c: Command) =>
        (await load.validate()).runValidateCommand(names, flags(c), io),
      ),
    )
  program
    .command('status')
    .description('contract, owner, status, last verified, stale or not')
    .option(
      '--fail-on <conditions>',
      'exit non-zero when a contract is broken (1), unreachable (3) or stale (4): a comma list, for cron checks',
    )
    .action(run(async (_opts, c: Command) => (await load.status()).runStatusCommand(flags(c), io)))
  /** The flags `record` and `import` share: how the recording is kept. */
  const recordingFlags = (command: Command) =>
    command
      .option('--exact', 'keep literal values: no type, shape or media-type rules')
      .option('--max-per-operation <n>', 'keep at most N interactions per operation and status')
      .option('--consumer <name>', 'consumer named in a new Pact file (default: the folder name)')
  recordingFlags(program.command('record'))
    .description(
      "record the app's traffic with a contract's upstream into its interactions: a proxy (--port N) or a Node program (-- <command>)",
    )
    .argument('<contract>', 'contract name or file')
    .argument('[command...]', 'after --: the Node program to run and record')
    .option(
      '--port <n>',
      'run a reverse proxy on 127.0.0.1:N to the upstream (0 picks a free port)',
    )
    .option(
      '--learn',
      'send each recorded GET/HEAD again and make the fields that changed type-only',
    )
    .action(
      run(async (contract: string, commandArgs: string[], _opts, c: Command) =>
        (await load.record()).runRecordCommand(contract, commandArgs, flags<RecordOptions>(c), io),
      ),
    )
  recordingFlags(program.command('import'))
    .description('add interactions from a HAR 1.2 file or a Pact V2/V3/V4 file to a contract')
    .argument('<contract>', 'contract name or file')
    .argument('<file>', 'a .har file or a Pact .json file')
    .option('--dry-run', 'say what would be added; write nothing')
    .action(
      run(async (contract: string, file: string, _opts, c: Command) =>
        (await load.import()).runImportCommand(contract, file, flags<RecordOptions>(c), io),
      ),
    )

  try {
    await program.parseAsync([...argv], { from: 'user' })
    return exitCode
  } catch (error) {
    // Commander has printed its own `error: …` line (or the help) already.
    if (error instanceof CommanderError) return decideErrorExitCode(error, error.exitCode)
    const lines = createStderrLines(io)
    if (error instanceof UpcheckError) lines.error(error)
    else {
      lines.errorText(
        `internal error: ${(error as Error)?.message ?? String(error)}. This is a bug; please report it with the command you ran.`,
      )
      if (io.env.UPCHECK_DEBUG) io.stderr.write(`${(error as Error)?.stack ?? ''}\n`)
    }
    return decideErrorExitCode(error)
  }
}
