import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { UpcheckError } from '../../model/index.js'
import { CHANNEL_ENV, SCOPE_ENV } from './wire-exchange.js'

export interface RecordedCommandOptions {
  command: string
  args: readonly string[]
  cwd: string
  env: Readonly<Record<string, string | undefined>>
  /** The recorder's channel address (see `openExchangeChannel`). */
  channel: string
  /** Origin and base path whose exchanges are captured, like `https://api.example.com/v1`. */
  scope: string
  /** Where the command's output goes. */
  stdout: { write(text: string | Uint8Array): unknown }
  stderr: { write(text: string | Uint8Array): unknown }
}

export interface CommandExit {
  /** The exit code; `null` when a signal ended it. */
  code: number | null
  signal: NodeJS.Signals | null
}

/**
 * The `--import` arguments that load the capture preload. From the TypeScript sources (tests,
 * `tsx`), the preload is TypeScript too and needs tsx's loader first.
 */
export function preloadImports(): string[] {
  const here = import.meta.url
  const typescript = here.endsWith('.ts')
  const preload = new URL(`./capture-preload.${typescript ? 'ts' : 'js'}`, here).href
  if (!typescript) return [preload]
  const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href
  return [tsx, preload]
}

/** NODE_OPTIONS with the preload added, so every Node process the command starts is recorded. */
export function withPreload(nodeOptions: string | undefined, imports: readonly string[]): string {
  // File URLs have no spaces (they are percent-encoded), so no quoting is needed.
  return [nodeOptions ?? '', ...imports.map((url) => `--import ${url}`)]
    .filter((part) => part !== '')
    .join(' ')
}

/**
 * Runs the command with the capture preload in NODE_OPTIONS and the channel in its
 * environment; its output is passed on. Resolves when it exits.
 * @throws UpcheckError `RECORD_FAILED` when the command cannot be started.
 */
export function runRecordedCommand(options: RecordedCommandOptions): {
  exit: Promise<CommandExit>
  signal(name: NodeJS.Signals): void
} {
  const env = {
    ...options.env,
    NODE_OPTIONS: withPreload(options.env.NODE_OPTIONS, preloadImports()),
    [CHANNEL_ENV]: options.channel,
    [SCOPE_ENV]: options.scope,
  }
  const child = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    env,
    stdio: ['inherit', 'pipe', 'pipe'],
  })
  child.stdout.on('data', (chunk: Buffer) => options.stdout.write(chunk))
  child.stderr.on('data', (chunk: Buffer) => options.stderr.write(chunk))
  const exit = new Promise<CommandExit>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      const hint =
        error.code === 'ENOENT'
          ? ' Check the command name, or give its full path (the PATH of this environment is searched).'
          : ''
      reject(
        new UpcheckError(
          'RECORD_FAILED',
          `Failed to start "${options.command}": ${error.code ?? error.message}.${hint}`,
          { cause: error },
        ),
      )
    })
    child.once('close', (code, signal) => resolve({ code, signal }))
  })
  return {
    exit,
    signal(name) {
      if (child.exitCode === null && child.signalCode === null) child.kill(name)
    },
  }
}
