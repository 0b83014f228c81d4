/**
 * What a pinned baseline allows in a live response: the rules a probe's judge consults when
 * the live answer differs from the recording. Pure; loaded documents in, answers out.
 */
export {
  compileBaselineRules,
  type Allowance,
  type BaselineRules,
  type DocumentedResponse,
} from './compile-baseline-rules.js'
export { ValueChecker, jsonTypeOf, type Violation } from './check-value.js'
export { parseJsonPath } from './parse-json-path.js'
