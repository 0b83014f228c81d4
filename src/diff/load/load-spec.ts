import { UpcheckError } from '../../model/upcheck-error.js'
import type { LoadedSpec, SpecVersion } from '../loaded-spec.js'
import { checkStructure } from './check-structure.js'
import { parseDocument } from './parse-document.js'
import { readText } from './read-text.js'
import { isUrl, type RefPolicy } from './ref-policy.js'
import { createNodeSpecReader, type SpecReader } from './spec-reader.js'

export interface LoadSpecOptions {
  /** Diff a document that parses but fails validation; its problems land in `problems`. Default false. */
  lenient?: boolean
  /**
   * `structural` (default): a fast check of what the diff relies on, in one walk of the
   * document. `full`: swagger-parser's schema and spec validation, seconds on large documents.
   */
  validation?: 'structural' | 'full'
  /** Largest document in bytes, and the budget for all its external refs together. Default 50 MB. */
  maxBytes?: number
  /** Time limit for reading the document and its refs, in ms. Default 30 000. */
  timeoutMs?: number
  /** Most alias expansions a YAML document may make. Default 1000. */
  maxAliasCount?: number
  /**
   * Origins (`https://specs.example.com`) external refs may also come from. By default a
   * document from a URL reaches only its own origin, and a document from a file no URL.
   */
  allowedRefOrigins?: readonly string[]
  /** The I/O to use. Default: node:fs and the global fetch. */
  reader?: SpecReader
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024
export const DEFAULT_TIMEOUT_MS = 30_000
export const DEFAULT_MAX_ALIAS_COUNT = 1000

function versionOf(document: Record<string, unknown>): SpecVersion {
  if (document.swagger !== undefined) return '2.0'
  return String(document.openapi).startsWith('3.1') ? '3.1' : '3.0'
}

/**
 * Loads an OpenAPI 2.0, 3.0 or 3.1 document (JSON or YAML) from a file path or an http(s)
 * URL: reads it within the size cap and timeout, bundles its external `$ref`s under the ref
 * policy, checks it, and converts 2.0 to 3.0.
 *
 * @throws UpcheckError `SPEC_UNREADABLE` (cannot read or parse), `SPEC_INVALID` (fails
 * validation and `lenient` is off), `SPEC_REF_REFUSED` (an external ref out of bounds).
 * @example
 * const spec = await loadSpec('https://api.example.com/openapi.json', { timeoutMs: 10_000 })
 */
export async function loadSpec(source: string, options: LoadSpecOptions = {}): Promise<LoadedSpec> {
  const reader = options.reader ?? createNodeSpecReader()
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const maxAliasCount = options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT
  const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
  const allowedOrigins = options.allowedRefOrigins ?? []
  const { text, location } = await readText(reader, source, { maxBytes, signal })
  const policy: RefPolicy = {
    rootOrigin: isUrl(location) ? new URL(location).origin : undefined,
    allowedOrigins,
  }
  const parsed = await parseDocument(text, source, { maxAliasCount })
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UpcheckError(
      'SPEC_INVALID',
      `${source}: the document is not an object. Point at an OpenAPI document.`,
      { location: { file: source } },
    )
  }
  let document = parsed as Record<string, unknown>
  let structure = checkStructure(document)
  if (structure.externalRefs) {
    // swagger-parser and swagger2openapi take most of a second to import: only when needed.
    const { bundleExternalRefs } = await import('./bundle-external-refs.js')
    document = await bundleExternalRefs(document, location, {
      reader,
      policy,
      maxBytes,
      maxAliasCount,
      signal,
    })
    structure = checkStructure(document)
  }
  const structural = structure.problems
  const problems = structural.map((problem) => `${problem.pointer || '/'}: ${problem.reason}`)
  if (problems.length === 0 && options.validation === 'full')
    problems.push(...(await (await import('./validate-fully.js')).validateFully(document)))
  if (problems.length > 0 && !options.lenient) {
    const shown = problems.slice(0, 5).join('; ')
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''
    throw new UpcheckError(
      'SPEC_INVALID',
      `${source}: not a valid OpenAPI document: ${shown}${more}. Fix the document, or accept it with its problems (upcheck diff does unless --strict; baseline accept takes --lenient).`,
      {
        location: { file: source, path: structural[0]?.pointer },
      },
    )
  }
  const version = versionOf(document)
  if (version === '2.0')
    document = await (await import('./convert-swagger2.js')).convertSwagger2(document, source)
  return { source, version, document, problems }
}
