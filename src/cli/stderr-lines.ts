import type { UpcheckError } from '../model/index.js'
import type { CliIo } from './cli-io.js'
import { createStyle, shouldUseColour } from './console-style.js'

/**
 * The one shape of a problem on stderr: `error: …` for what failed (with its stable code, so
 * scripts can match it), `warning: …` for what the user should know. Commander's own usage
 * errors already read `error: …`; every other line of upcheck's follows it.
 */
export interface StderrLines {
  error(error: Pick<UpcheckError, 'message' | 'code'>, contractName?: string): void
  /** An error that is not an {@link UpcheckError}: an internal failure, or commander's text. */
  errorText(text: string): void
  warning(text: string): void
}

export function createStderrLines(io: Pick<CliIo, 'stderr' | 'env'>): StderrLines {
  const style = createStyle(shouldUseColour(io.stderr, io.env))
  const errorText = (text: string) => io.stderr.write(`${style.red('error')}: ${text}\n`)
  return {
    error: (error, contractName) =>
      errorText(`${contractName ? `${contractName}: ` : ''}${error.message} [${error.code}]`),
    errorText,
    warning: (text) => io.stderr.write(`${style.yellow('warning')}: ${text}\n`),
  }
}
