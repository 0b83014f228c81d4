import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { Ajv, _, type AnySchemaObject } from 'ajv'
import standaloneCode from 'ajv/dist/standalone/index.js'
import { CONFIG_SCHEMA_URL, CONTRACT_SCHEMA_URL, VALIDATOR_FORMATS_URL } from './schema-files.js'

/**
 * Compiles both schemas to one CommonJS module (`npm run build:schema` writes it).
 * @note Compiling at build time saves every run ~130 ms of loading Ajv and compiling.
 */
export function compileSchemaValidators(): string {
  // verbose keeps each error's parentSchema: the did-you-mean reads the allowed keys from it.
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: true,
    code: { source: true, formats: _`require("./validator-formats.cjs")` },
  })
  const formats = createRequire(import.meta.url)(fileURLToPath(VALIDATOR_FORMATS_URL)) as Record<
    string,
    RegExp | ((value: string) => boolean)
  >
  for (const [name, format] of Object.entries(formats)) ajv.addFormat(name, format)
  ajv.addSchema(readSchema(CONTRACT_SCHEMA_URL), 'contract.schema.json')
  ajv.addSchema(readSchema(CONFIG_SCHEMA_URL), 'config.schema.json')
  const code = standaloneCode.default(ajv, {
    contract: 'contract.schema.json',
    config: 'config.schema.json',
  })
  return `// Generated from contract.schema.json and config.schema.json by \`npm run build:schema\`. Do not edit.\n${code}\n`
}

function readSchema(url: URL): AnySchemaObject {
  return JSON.parse(readFileSync(url, 'utf8')) as AnySchemaObject
}
