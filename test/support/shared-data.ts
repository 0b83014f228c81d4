import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** `../shared` from the repository root: real test data that is not ours to copy into it. */
const SHARED_ROOT = fileURLToPath(new URL('../../../shared/', import.meta.url))

export interface SharedData {
  /** The folder's absolute path, ending in a separator. */
  folder: string
  /** Whether the folder (and its marker file) is there. */
  available: boolean
  /** Appended to a suite's title when it is skipped: says what is missing. */
  skipNote: string
}

/** Whether `env` says we run in CI: `CI` set to anything but empty, `0` or `false`. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI?.trim().toLowerCase()
  return value !== undefined && value !== '' && value !== '0' && value !== 'false'
}

/**
 * The shared test data a suite reads: `../shared/<relative>`, present when `marker` (a file
 * inside it) is. Away from CI a missing folder lets the suite skip with a note in its title;
 * under `CI=true` it throws, failing the suite, because a CI run that skips the conformance
 * or peer suites would pass without checking what they check.
 *
 * @example
 * const oasdiff = requireShared('peer-suites/oasdiff', 'expected.tsv')
 * describe.skipIf(!oasdiff.available)(`oasdiff's expectations${oasdiff.skipNote}`, () => …)
 */
export function requireShared(
  relative: string,
  marker = '',
  env: NodeJS.ProcessEnv = process.env,
): SharedData {
  const folder = join(SHARED_ROOT, relative, '/')
  const available = existsSync(join(folder, marker))
  const where = `../shared/${[relative, marker].filter(Boolean).join('/')}`
  if (!available && isCi(env))
    throw new Error(
      `Failed to find the shared test data ${where} (looked at ${join(folder, marker)}): under CI=true a suite that reads it fails instead of skipping. Check the data out beside the repository, or unset CI to skip.`,
    )
  return { folder, available, skipNote: available ? '' : ` (skipped: ${where} is absent)` }
}
