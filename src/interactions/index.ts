export { readPact } from './read-pact.js'
export { readPactFile, MAX_PACT_FILE_BYTES } from './read-pact-file.js'
export { writePact, toPactV4Json } from './write-pact.js'
export {
  normaliseRequest,
  normaliseResponse,
  parseQueryString,
  isJsonContentType,
  type PartLocation,
} from './read-http-part.js'
export { readMatchingRules, readMatchingRule } from './read-matching-rules.js'
export { STATUS_CLASSES } from './matchers/matcher-table.js'
export { compileRuleRegex } from './matchers/compile-rule-regex.js'
export { compileDateFormat, type DateTimeMatcherName } from './matchers/compile-date-format.js'
export { joinJsonPath } from './json-path.js'
export { locateJsonSyntaxError, refuseTooDeepJson } from './parse-pact-json.js'
