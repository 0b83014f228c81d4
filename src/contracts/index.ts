export { loadContract, type LoadContractOptions } from './load-contract.js'
export { loadContracts, isContractFileName, type LoadedContracts } from './load-contracts.js'
export { loadConfig, type LoadConfigOptions } from './load-config.js'
export { parseContract, type ParseContractOptions } from './parse-contract.js'
export { parseConfig, buildConfig, type ParseConfigOptions } from './parse-config.js'
export {
  resolveUpstream,
  type ResolvedUpstream,
  type Environment,
  type TokenAuth,
} from './resolve-upstream.js'
export { locateField } from './contract-sources.js'
export { parseDuration } from './duration.js'
export { CONTRACT_SCHEMA_URL, CONFIG_SCHEMA_URL } from './schema-validators.js'
export {
  DEFAULT_ALERTS,
  DEFAULT_CONFIG_PATHS,
  DEFAULT_RETENTION,
  DEFAULT_FRESHNESS,
  DEFAULT_PROBE,
  CONFIG_FILE_NAME,
} from './defaults.js'
export { addTopLevelField } from './add-top-level-field.js'
export { resolveStoreLocation } from './resolve-store-location.js'
export { suggestClosest } from './suggest-closest.js'
export { displayPath } from './display-path.js'
