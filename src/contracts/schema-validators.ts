import { createRequire } from 'node:module'
import type { ValidateFunction } from 'ajv'
import { fileURLToPath } from 'node:url'
import { COMPILED_VALIDATORS_URL } from './schema-files.js'

export { CONFIG_SCHEMA_URL, CONTRACT_SCHEMA_URL } from './schema-files.js'

export interface SchemaValidators {
  contract: ValidateFunction
  config: ValidateFunction
}

let loaded: SchemaValidators | undefined

/**
 * The validators compiled from the published schemas at build time (`schema/validators.cjs`),
 * loaded on first use.
 */
export function getSchemaValidators(): SchemaValidators {
  loaded ??= createRequire(import.meta.url)(
    fileURLToPath(COMPILED_VALIDATORS_URL),
  ) as SchemaValidators
  return loaded
}
