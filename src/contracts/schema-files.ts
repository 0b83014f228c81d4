/**
 * Where the published schemas and their compiled validators live. The loader validates with
 * validators compiled from these very files, and a test recompiles them and compares, so what
 * editors check and what upcheck checks cannot drift apart. The paths are the same from
 * `src/contracts` and from the built `dist/contracts`.
 */
export const CONTRACT_SCHEMA_URL = new URL('../../schema/contract.schema.json', import.meta.url)
export const CONFIG_SCHEMA_URL = new URL('../../schema/config.schema.json', import.meta.url)
export const COMPILED_VALIDATORS_URL = new URL('../../schema/validators.cjs', import.meta.url)
export const VALIDATOR_FORMATS_URL = new URL('../../schema/validator-formats.cjs', import.meta.url)
