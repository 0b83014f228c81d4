import { isHttpInteraction, type HttpInteraction } from '../model/interaction.js'
import { UpcheckError } from '../model/upcheck-error.js'
import { diffSpecs } from './diff-specs.js'
import { formatDiffJson } from './format/format-diff-json.js'
import { formatDiffMarkdown } from './format/format-diff-markdown.js'
import { formatDiffText } from './format/format-diff-text.js'
import { loadSpec, type LoadSpecOptions } from './load/load-spec.js'
import type { SpecReader } from './load/spec-reader.js'
import { isAtLeast, type DiffResult } from './spec-change.js'

export type DiffFormat = 'text' | 'json' | 'markdown'
export type FailOn = 'breaking' | 'warning' | 'never'

export const DIFF_FORMATS: readonly DiffFormat[] = ['text', 'json', 'markdown']
export const FAIL_ON_LEVELS: readonly FailOn[] = ['breaking', 'warning', 'never']

/** `upcheck diff <base> <revision> [--interactions F] [--format …] [--fail-on …] [--strict]`, parsed. */
export interface DiffCommandOptions {
  /** Path or URL of the base document. */
  base: string
  /** Path or URL of the revision document. */
  revision: string
  /** A Pact file whose interactions decide `affectsInteractions`. */
  interactions?: string
  /** Default `text`. */
  format?: string
  /** Exit 1 when a change at or above this is found. Default `breaking`. */
  failOn?: string
  /**
   * Refuse (exit 2) a document that parses but fails validation. Default false: such a
   * document is diffed and its problems are reported beside the changes.
   */
  strict?: boolean
  /** Limits for reading the documents. */
  load?: Pick<LoadSpecOptions, 'maxBytes' | 'timeoutMs' | 'validation' | 'allowedRefOrigins'>
}

export interface DiffCommandDeps {
  /** Today, for `x-sunset` dates. */
  now: () => Date
  reader?: SpecReader
  /** Reads the interactions file. Default: the Pact reader of src/interactions. */
  readInteractions?: (file: string) => Promise<HttpInteraction[]>
}

export interface DiffCommandOutcome {
  /** What goes to stdout. */
  output: string
  /** What goes to stderr (the error, on bad input). */
  errors: string
  /**
   * In text and markdown, one line a document that fails validation but was diffed (JSON has
   * them in `problems`); each a `warning:` line on stderr.
   */
  warnings: string[]
  /** A change at or above `failOn` was found. */
  failed: boolean
  /** Why a document, the interactions or an option could not be used (`errors` says it too). */
  error?: UpcheckError
  result?: DiffResult
}

function choose<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
  flag: string,
): T {
  if (value === undefined) return fallback
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new UpcheckError('USAGE', `${flag} must be one of ${allowed.join(', ')}; got "${value}".`)
}

/** One line a document: how many problems, the first of them, and how to refuse such documents. */
function describeProblems(result: DiffResult): string[] {
  return (['base', 'revision'] as const).flatMap((document) => {
    const found = result.problems.filter((problem) => problem.document === document)
    if (found.length === 0) return []
    const more = found.length > 1 ? ` (and ${found.length - 1} more)` : ''
    return [
      `${result[document]} is not a valid OpenAPI document, diffed anyway: ${found[0]?.message}${more}. Pass --strict to refuse such documents.`,
    ]
  })
}

async function readPactInteractions(file: string): Promise<HttpInteraction[]> {
  // Loaded only with --interactions: the Pact reader and its validators cost a plain diff time.
  const { readPactFile } = await import('../interactions/read-pact-file.js')
  const pact = await readPactFile(file)
  return pact.interactions.filter(isHttpInteraction)
}

/**
 * The whole behaviour of `upcheck diff`, minus argument parsing and the exit code: loads both
 * documents (and the interactions), diffs them, formats the result and says whether it fails.
 */
export async function runDiffCommand(
  options: DiffCommandOptions,
  deps: DiffCommandDeps,
): Promise<DiffCommandOutcome> {
  try {
    const format = choose(options.format, DIFF_FORMATS, 'text', '--format')
    const failOn = choose(options.failOn, FAIL_ON_LEVELS, 'breaking', '--fail-on')
    const loadOptions: LoadSpecOptions = {
      ...options.load,
      lenient: options.strict !== true,
      reader: deps.reader,
    }
    const [base, revision, interactions] = await Promise.all([
      loadSpec(options.base, loadOptions),
      loadSpec(options.revision, loadOptions),
      options.interactions
        ? (deps.readInteractions ?? readPactInteractions)(options.interactions)
        : undefined,
    ])
    const result = diffSpecs(base, revision, { interactions, now: deps.now() })
    const output =
      format === 'json'
        ? formatDiffJson(result)
        : format === 'markdown'
          ? formatDiffMarkdown(result)
          : formatDiffText(result)
    const failed =
      failOn !== 'never' && result.changes.some((change) => isAtLeast(change.severity, failOn))
    // JSON carries the problems in its own `problems`; other formats say them on stderr.
    const warnings = format === 'json' ? [] : describeProblems(result)
    return { output, errors: '', warnings, failed, result }
  } catch (error) {
    if (error instanceof UpcheckError)
      return { output: '', errors: `${error.message}\n`, warnings: [], failed: false, error }
    throw error
  }
}
