import { isAbsolute, resolve } from 'node:path'
import { runDiffCommand } from '../../diff/index.js'
import type { CliIo } from '../cli-io.js'
import { decideDiffExitCode } from '../exit-code.js'
import type { GlobalOptions } from '../global-options.js'
import { createStderrLines } from '../stderr-lines.js'

export interface DiffFlags extends GlobalOptions {
  interactions?: string
  format?: string
  failOn?: string
  strict?: boolean
}

/** `upcheck diff <base> <revision>`: exit 1 when a change at or above --fail-on is found, 2 on bad input. */
export async function runDiffCliCommand(
  base: string,
  revision: string,
  flags: DiffFlags,
  io: CliIo,
): Promise<number> {
  const cwd = io.cwd()
  // Paths are the user's, relative to where they ran upcheck; shown as they would type them.
  const local = (source: string) =>
    /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || isAbsolute(source) ? source : resolve(cwd, source)
  const outcome = await runDiffCommand(
    {
      base: local(base),
      revision: local(revision),
      ...(flags.interactions ? { interactions: local(flags.interactions) } : {}),
      // --json is the global way to ask for machine output; --format says it explicitly.
      format: flags.format ?? (flags.json ? 'json' : 'text'),
      ...(flags.failOn ? { failOn: flags.failOn } : {}),
      strict: flags.strict === true,
    },
    { now: () => new Date() },
  )
  const shown = (text: string) => text.replaceAll(`${cwd}/`, '')
  if (outcome.output && !flags.quiet) io.stdout.write(withNewline(shown(outcome.output)))
  const stderr = createStderrLines(io)
  for (const warning of outcome.warnings) stderr.warning(shown(warning))
  if (outcome.error)
    stderr.error({ code: outcome.error.code, message: shown(outcome.error.message) })
  return decideDiffExitCode(outcome)
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`
}
