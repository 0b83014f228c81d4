import { execFile } from 'node:child_process'
import type { Environment } from '../contracts/index.js'
import type { RunCommand } from './create-token-cache.js'

/**
 * A runner of login tools with `execFile` (no shell, so nothing in argv is interpreted) in
 * `env`, resolving with the tool's standard output. Its standard error is not passed on: a
 * tool may print secrets there.
 */
export const createTokenCommandRunner =
  (env: Environment): RunCommand =>
  (argv, timeoutMs) =>
    new Promise((resolve, reject) => {
      execFile(
        argv[0]!,
        argv.slice(1),
        { env, timeout: timeoutMs, maxBuffer: 1024 * 1024, windowsHide: true },
        (error, stdout) => {
          if (!error) return resolve(stdout)
          const code = (error as NodeJS.ErrnoException).code
          if (code === 'ENOENT') return reject(new Error('the program is not found'))
          if (error.killed) return reject(new Error(`it did not finish within ${timeoutMs} ms`))
          reject(new Error(`it exited with code ${String(code)}`))
        },
      )
    })
