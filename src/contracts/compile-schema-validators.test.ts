import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compileSchemaValidators } from './compile-schema-validators.js'
import { COMPILED_VALIDATORS_URL } from './schema-files.js'

describe('schema/validators.cjs', () => {
  it('is what the published schemas compile to (run npm run build:schema after editing a schema)', () => {
    expect(readFileSync(COMPILED_VALIDATORS_URL, 'utf8')).toBe(compileSchemaValidators())
  })
})
