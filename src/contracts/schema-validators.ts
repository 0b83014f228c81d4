import { readFileSync } from 'node:fs'
import { Ajv, type AnySchemaObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { fullFormats } from 'ajv-formats/dist/formats.js'
import cron from 'node-cron'

/**
 * Where the published schemas live. The loader validates against these very files, so
 * what editors check and what upcheck checks cannot drift apart. The path is the same from
 * `src/contracts` and from the built `dist/contracts`.
 */
export const CONTRACT_SCHEMA_URL = new URL('../../schema/contract.schema.json', import.meta.url)
export const CONFIG_SCHEMA_URL = new URL('../../schema/config.schema.json', import.meta.url)

export interface SchemaValidators {
  contract: ValidateFunction
  config: ValidateFunction
}

let compiled: SchemaValidators | undefined

/** The compiled validators, built on first use: compiling costs tens of milliseconds. */
export function getSchemaValidators(): SchemaValidators {
  compiled ??= compileValidators()
  return compiled
}

/** A bare address, or `Name <address>` as in a mail header. */
export function isMailbox(value: string): boolean {
  const named = /^([^<>]*?)\s*<([^<>]+)>$/.exec(value)
  return isEmail(named ? named[2]! : value)
}

export function isEmail(value: string): boolean {
  return (fullFormats.email as RegExp).test(value)
}

function compileValidators(): SchemaValidators {
  // verbose keeps each error's parentSchema: the did-you-mean reads the allowed keys from it.
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true })
  addFormatsModule.default(ajv, ['email', 'uri'])
  ajv.addFormat('mailbox', isMailbox)
  ajv.addFormat('cron', (value: string) => cron.validate(value))
  ajv.addSchema(readSchema(CONTRACT_SCHEMA_URL), 'contract.schema.json')
  ajv.addSchema(readSchema(CONFIG_SCHEMA_URL), 'config.schema.json')
  return {
    contract: ajv.getSchema('contract.schema.json')!,
    config: ajv.getSchema('config.schema.json')!,
  }
}

function readSchema(url: URL): AnySchemaObject {
  return JSON.parse(readFileSync(url, 'utf8')) as AnySchemaObject
}
