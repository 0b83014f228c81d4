import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const REPO = fileURLToPath(new URL('../..', import.meta.url))

/**
 * Runs `upcheck <args>` from source in a child process (so it can be sent real signals, or
 * killed), in the folder `cwd`. Output is collected; `waitFor` resolves when stdout matches.
 */
export function startCliProcess(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/run-cli.ts', ...args], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', ...options.env, UPCHECK_TEST_CWD: options.cwd },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  const waiting: {
    stream: 'stdout' | 'stderr'
    pattern: RegExp
    resolve: (match: RegExpExecArray) => void
    reject: (error: Error) => void
  }[] = []
  const check = () => {
    for (const waiter of [...waiting]) {
      const match = waiter.pattern.exec(waiter.stream === 'stdout' ? stdout : stderr)
      if (match) {
        waiting.splice(waiting.indexOf(waiter), 1)
        waiter.resolve(match)
      }
    }
  }
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text
    check()
  })
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text
    check()
  })
  const exited = new Promise<{
    code: number | null
    signal: NodeJS.Signals | null
    stdout: string
    stderr: string
  }>((resolve) => {
    child.once('close', (code, signal) => {
      for (const waiter of waiting.splice(0))
        waiter.reject(
          new Error(
            `upcheck exited (${code ?? signal}) before printing ${waiter.pattern} on ${waiter.stream}\nstdout:\n${stdout}\nstderr:\n${stderr}`,
          ),
        )
      resolve({ code, signal, stdout, stderr })
    })
  })
  return {
    /** Resolves when `stream` (default stdout) matches `pattern`. */
    waitFor(pattern: RegExp, stream: 'stdout' | 'stderr' = 'stdout'): Promise<RegExpExecArray> {
      const match = pattern.exec(stream === 'stdout' ? stdout : stderr)
      if (match) return Promise.resolve(match)
      return new Promise((resolve, reject) => waiting.push({ stream, pattern, resolve, reject }))
    },
    /** Everything printed so far. */
    output: () => ({ stdout, stderr }),
    /** Sends `signal` and resolves with the exit and all output. */
    stop(signal: NodeJS.Signals = 'SIGTERM') {
      child.kill(signal)
      return exited
    },
    exited,
  }
}
