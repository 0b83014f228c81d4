import { dirname, resolve } from 'node:path'
import type { UpcheckConfig } from '../model/index.js'
import { checkConfigValues } from './check-values.js'
import { deepFreeze } from './deep-freeze.js'
import { DEFAULT_CONFIG_PATHS, DEFAULT_RETENTION } from './defaults.js'
import { parseDuration } from './duration.js'
import { describeSchemaErrors } from './describe-schema-errors.js'
import { createProblemsError } from './problem.js'
import { getSchemaValidators } from './schema-validators.js'
import { parseSource } from './source-document.js'
import { resolveStoreLocation } from './resolve-store-location.js'

/** `upcheck.config.yaml` as written, after the schema accepted it. */
interface ConfigDocument {
  store?: string
  reports?: string
  contracts?: string
  retention?: string
  smtp?: { url?: string; from?: string }
  defaults?: UpcheckConfig['defaults']
}

export interface ParseConfigOptions {
  /** Absolute path of the config file: relative paths in it resolve against its folder. */
  file: string
  /** The file as named in messages. Default: `file`. */
  displayFile?: string
}

/**
 * Parses, validates and defaults the config file into a deeply frozen {@link UpcheckConfig}.
 * An empty file is the defaults. Every problem is a `CONFIG_INVALID` error, syntax included.
 */
export function parseConfig(text: string, options: ParseConfigOptions): UpcheckConfig {
  const displayFile = options.displayFile ?? options.file
  const source = parseSource(text.replace(/^\uFEFF/, ''), displayFile, 'CONFIG_INVALID')
  const data = source.data ?? {}
  const validate = getSchemaValidators().config
  const problems = validate(data)
    ? checkConfigValues(data)
    : describeSchemaErrors(validate.errors ?? [], data, 'the config')
  if (problems.length > 0) throw createProblemsError('CONFIG_INVALID', source, problems)
  return buildConfig(data as ConfigDocument, dirname(options.file), options.file)
}

/**
 * The config with every default, its paths resolved against `folder`. Without a config file,
 * `folder` is the working directory.
 */
export function buildConfig(
  document: ConfigDocument,
  folder: string,
  file?: string,
): UpcheckConfig {
  const config: UpcheckConfig = {
    store: resolveStoreLocation(folder, document.store ?? DEFAULT_CONFIG_PATHS.store),
    reports: resolve(folder, document.reports ?? DEFAULT_CONFIG_PATHS.reports),
    contracts: resolve(folder, document.contracts ?? DEFAULT_CONFIG_PATHS.contracts),
    smtp: { ...document.smtp },
    retentionMs: parseDuration(document.retention ?? DEFAULT_RETENTION)!,
    defaults: structuredClone(document.defaults ?? {}),
    ...(file !== undefined && { file }),
  }
  return deepFreeze(config)
}
