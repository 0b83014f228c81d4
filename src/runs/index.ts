export { runContract, type RunDeps, type RunProbeClient } from './run-contract.js'
export { DEPRECATION_RULES, judgeProbe, type MatchResponse } from './judge-probe.js'
export { countVerdicts, decideStatus, isSpecBreak } from './contract-status.js'
export { describeOperation } from './describe-operation.js'
export { isStale } from './is-stale.js'
export { checkSpec, type SpecCheck, type SpecCheckDeps } from './check-spec.js'
export { explainNothingToCheck } from './explain-nothing-to-check.js'
export {
  createBaselineJudge,
  type BaselineJudge,
  type ProbeResponse,
  type WeighedMismatches,
} from './weigh-against-baseline.js'
export { escapeControlBytes } from './escape-control-bytes.js'
export { describeReplay, type ReplayDecision } from './describe-replay.js'
