// Writes schema/validators.cjs: the contract and config schemas compiled to code.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { compileSchemaValidators } from '../src/contracts/compile-schema-validators.js'
import { COMPILED_VALIDATORS_URL } from '../src/contracts/schema-files.js'

writeFileSync(fileURLToPath(COMPILED_VALIDATORS_URL), compileSchemaValidators())
console.log(`wrote ${fileURLToPath(COMPILED_VALIDATORS_URL).split('/').slice(-2).join('/')}`)
