export type { ActualHeaders, ActualRequest, ActualResponse } from './actual.js'
export { matchResponse } from './match-response.js'
export { matchRequest } from './match-request.js'
export {
  compileResponse,
  compileRequest,
  findUnsupportedBody,
  type CompiledRequest,
  type CompiledResponse,
} from './compile-expectation.js'
export { checkStatusCode } from '../interactions/matchers/matcher-table.js'
