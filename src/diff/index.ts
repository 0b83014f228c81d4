/**
 * The OpenAPI diff: load two documents, compare them, classify every change by rule, and tell
 * which changes touch what the recorded interactions use.
 */
export {
  loadSpec,
  DEFAULT_MAX_BYTES,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_MAX_ALIAS_COUNT,
  type LoadSpecOptions,
} from './load/load-spec.js'
export { createNodeSpecReader, type SpecReader } from './load/spec-reader.js'
export { diffSpecs, type DiffOptions } from './diff-specs.js'
export {
  runDiffCommand,
  DIFF_FORMATS,
  FAIL_ON_LEVELS,
  type DiffCommandOptions,
  type DiffCommandDeps,
  type DiffCommandOutcome,
  type DiffFormat,
  type FailOn,
} from './run-diff-command.js'
export { formatDiffText } from './format/format-diff-text.js'
export { formatDiffMarkdown } from './format/format-diff-markdown.js'
export { formatDiffJson } from './format/format-diff-json.js'
export { summarizeDiff } from './format/summarize-diff.js'
export { RULES, getRule } from './rules/catalogue.js'
export type { RuleDefinition, RuleGroup } from './rules/rule-definition.js'
export type { LoadedSpec, SpecVersion } from './loaded-spec.js'
export {
  isAtLeast,
  compareSeverity,
  SEVERITIES,
  type ChangeSeverity,
  type DiffProblem,
  type DiffResult,
  type DiffSummary,
  type SpecChange,
} from './spec-change.js'
export { createOperationNamer } from './name-operations.js'
export type { BaselineRules, DocumentedResponse, Allowance } from './conform/index.js'
