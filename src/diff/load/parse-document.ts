import { UpcheckError } from '../../model/upcheck-error.js'
import { locateOffset } from '../../text/locate-offset.js'
import { findTooDeepJson, MAX_NESTING_DEPTH } from '../../text/nesting-depth.js'

export interface ParseOptions {
  /** Most alias expansions a YAML document may make. */
  maxAliasCount: number
}

function parseJson(text: string, where: string): unknown {
  const tooDeep = findTooDeepJson(text)
  if (tooDeep !== -1) {
    const at = locateOffset(text, tooDeep)
    throw new UpcheckError(
      'SPEC_UNREADABLE',
      `${where}:${at.line}:${at.column}: the document nests arrays and objects deeper than ${MAX_NESTING_DEPTH} levels here, more than upcheck reads. Point at the right file, or flatten the schema there.`,
      { location: { file: where, ...at } },
    )
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    const offset = /position (\d+)/.exec(String((error as Error).message))?.[1]
    const at = offset === undefined ? undefined : locateOffset(text, Number(offset))
    throw new UpcheckError(
      'SPEC_UNREADABLE',
      `${where}${at ? `:${at.line}:${at.column}` : ''}: not valid JSON (${(error as Error).message}). Fix the syntax or point at the right file.`,
      { cause: error, location: { file: where, ...at } },
    )
  }
}

/**
 * Parses JSON or YAML. YAML goes through js-yaml, which is several times faster than the
 * `yaml` package on multi-megabyte documents; a document that defines anchors is parsed again
 * with `yaml` and its `maxAliasCount`, so an alias bomb is refused rather than expanded.
 * Both are imported on the first YAML document: a run with a JSON baseline never pays for them.
 */
export async function parseDocument(
  text: string,
  where: string,
  options: ParseOptions,
): Promise<unknown> {
  const start = text.search(/\S/)
  if (start === -1)
    throw new UpcheckError(
      'SPEC_UNREADABLE',
      `${where}: the document is empty. Point at an OpenAPI document.`,
      { location: { file: where } },
    )
  const first = text.charAt(start)
  if (first === '{' || first === '[') return parseJson(text, where)
  const { default: jsyaml } = await import('js-yaml')
  let anchors = false
  let value: unknown
  try {
    value = jsyaml.load(text, {
      filename: where,
      json: true,
      // YAML 1.2 core types, as the `yaml` package reads them: an unquoted date stays a string.
      schema: jsyaml.CORE_SCHEMA,
      listener(event, state) {
        if (event === 'close' && (state as unknown as { anchor?: string | null }).anchor)
          anchors = true
      },
    })
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark
    const at = mark ? { line: mark.line + 1, column: mark.column + 1 } : undefined
    throw new UpcheckError(
      'SPEC_UNREADABLE',
      `${where}${at ? `:${at.line}:${at.column}` : ''}: not valid YAML (${(error as { reason?: string }).reason ?? (error as Error).message}). Fix the syntax or point at the right file.`,
      { cause: error, location: { file: where, ...at } },
    )
  }
  if (!anchors) return value
  const { parse: parseYamlStrictly } = await import('yaml')
  try {
    return parseYamlStrictly(text, { maxAliasCount: options.maxAliasCount, merge: true })
  } catch (error) {
    throw new UpcheckError(
      'SPEC_UNREADABLE',
      `${where}: the YAML expands too many aliases or is invalid (${(error as Error).message}). A document may expand at most ${options.maxAliasCount} aliases.`,
      { cause: error, location: { file: where } },
    )
  }
}
