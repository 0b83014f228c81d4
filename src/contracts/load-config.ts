import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { UpcheckConfig } from '../model/index.js'
import { CONFIG_FILE_NAME, MAX_CONTRACT_FILE_BYTES } from './defaults.js'
import { buildConfig, parseConfig } from './parse-config.js'
import { readTextFile } from '../files/index.js'
import { displayPath } from './display-path.js'
import { UpcheckError } from '../model/index.js'

export interface LoadConfigOptions {
  /** The config file named by `--config`: it must exist. Without it, the nearest `upcheck.config.yaml` from `cwd` up to the git root is read when there is one. */
  file?: string
  /** Default: `process.cwd()`. */
  cwd?: string
}

/**
 * Loads the config, or the defaults when there is none. Without `file`, the nearest
 * `upcheck.config.yaml` from `cwd` upwards is read, as git finds its folder: the search stops
 * at the first folder that is a git work tree's root, or at the filesystem root.
 * Throws `CONFIG_INVALID`.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<UpcheckConfig> {
  const cwd = options.cwd ?? process.cwd()
  const file =
    options.file !== undefined
      ? resolve(cwd, options.file)
      : (findConfigUpwards(cwd) ?? resolve(cwd, CONFIG_FILE_NAME))
  const displayFile = displayPath(file, cwd)
  let text: string
  try {
    text = await readTextFile(file, {
      shownAs: displayFile,
      code: 'CONFIG_INVALID',
      maxBytes: MAX_CONTRACT_FILE_BYTES,
      whenTooLarge:
        'A contract or config file is a page of YAML: check that this is the right file',
    })
  } catch (error) {
    const absent =
      error instanceof UpcheckError &&
      (error.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
    if (absent && options.file === undefined) return buildConfig({}, cwd)
    throw error
  }
  return parseConfig(text, { file, displayFile })
}

function findConfigUpwards(from: string): string | undefined {
  for (let folder = resolve(from); ;) {
    const candidate = join(folder, CONFIG_FILE_NAME)
    if (existsSync(candidate)) return candidate
    const parent = dirname(folder)
    if (parent === folder || existsSync(join(folder, '.git'))) return undefined
    folder = parent
  }
}
