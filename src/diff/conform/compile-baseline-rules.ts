import type { HttpInteraction } from '../../model/interaction.js'
import { collectOperations, type OperationEntry } from '../compare/collect-operations.js'
import { statusKey } from '../compare/compare-responses.js'
import { DocumentView, entriesOf, isObject, type Located } from '../compare/document-view.js'
import {
  collectContent,
  findMediaType,
  mediaTypeKey,
  type MediaTypeEntry,
} from '../compare/media-types.js'
import { SchemaNormalizer, type NormalizedSchema } from '../compare/normalize-schema.js'
import { createOperationMatcher } from '../impact/match-operation.js'
import { appendPointer } from '../json-pointer.js'
import type { LoadedSpec } from '../loaded-spec.js'
import { ValueChecker, type Violation } from './check-value.js'

/**
 * What a baseline says about a difference: it `allowed` the value (data drift), it
 * `forbids` it, or it is `undocumented` there (a field the document does not describe: the
 * recording is all there is to go by).
 */
export type Allowance = 'allowed' | 'forbidden' | 'undocumented'

/** The body schema one operation documents for one status and media type. */
export interface DocumentedResponse {
  /** The operation as the baseline writes it: `GET /posts/{id}`. */
  operation: string
  /** The response key that serves the status: `200`, `2XX` or `default`. */
  status: string
  /** Whether the schema allows what `body` has, or lacks, at `path` (segments from the root). */
  judge(body: unknown, path: readonly (string | number)[]): Allowance
  /** The places where `body` breaks the schema, up to `limit`. */
  violations(body: unknown, limit?: number): Violation[]
}

/** The rules of a pinned baseline, looked up per recorded request, compiled lazily and once. */
export interface BaselineRules {
  /** Where the rules come from: the baseline's path as given. */
  source: string
  /**
   * The documented body schema for a recorded request answered with `status` and
   * `contentType`; `undefined` when the baseline has no such operation, status or schema.
   */
  responseFor(
    interaction: HttpInteraction,
    status: number,
    contentType: string | undefined,
  ): DocumentedResponse | undefined
  /** The operation of a recorded request, as the baseline writes it. */
  nameOperation(interaction: HttpInteraction): string | undefined
}

type Candidate = readonly Located[] | 'any'

const MISSING = Symbol('missing')
/** `oneOf` inside `oneOf` deeper than this is not followed. */
const maxVariantDepth = 8

/**
 * Compiles a loaded baseline into the questions a probe's judge asks. Nothing is walked up
 * front: the operations are collected on the first question, each response schema on the
 * first question about it, so a run whose probes all match pays only for the load.
 *
 * @example
 * const rules = compileBaselineRules(await loadSpec('contracts/posts-api.openapi.json'))
 * rules.responseFor(interaction, 200, 'application/json')?.judge(body, ['next_page_uri'])
 * // → 'allowed' when the baseline marks it nullable and the live answer has null
 */
export function compileBaselineRules(spec: LoadedSpec): BaselineRules {
  const view = new DocumentView(spec.document as Record<string, unknown>)
  const checker = new ValueChecker(new SchemaNormalizer(view))
  let match: ((interaction: HttpInteraction) => OperationEntry | undefined) | undefined
  const operationByRequest = new Map<string, OperationEntry | undefined>()
  const responses = new Map<string, DocumentedResponse | undefined>()

  const operationOf = (interaction: HttpInteraction): OperationEntry | undefined => {
    const key = `${interaction.request.method.toUpperCase()} ${interaction.request.path.split('?')[0]}`
    if (operationByRequest.has(key)) return operationByRequest.get(key)
    match ??= createOperationMatcher(collectOperations(view))
    const op = match(interaction)
    operationByRequest.set(key, op)
    return op
  }

  return {
    source: spec.source,
    nameOperation: (interaction) => operationOf(interaction)?.label,
    responseFor(interaction, status, contentType) {
      const op = operationOf(interaction)
      if (!op) return undefined
      const media = contentType ? mediaTypeKey(contentType) : ''
      const key = `${op.label}\u0000${status}\u0000${media}`
      if (responses.has(key)) return responses.get(key)
      const found = findResponseSchema(view, op, status, media)
      const documented = found && createDocumentedResponse(checker, op.label, found)
      responses.set(key, documented)
      return documented
    },
  }
}

function findResponseSchema(
  view: DocumentView,
  op: OperationEntry,
  status: number,
  media: string,
): { status: string; schema: Located } | undefined {
  const responses = view.child({ ptr: op.ptr, node: op.node }, 'responses')
  if (!responses) return undefined
  const byKey = new Map(entriesOf(responses.node).map(([name, node]) => [statusKey(name), name]))
  const code = String(status)
  const key = [code, `${code.charAt(0)}XX`, 'default'].find((k) => byKey.has(k))
  if (!key) return undefined
  const response = view.child(responses, byKey.get(key)!)
  if (!response || !isObject(response.node)) return undefined
  const content = collectContent(appendPointer(response.ptr, 'content'), response.node.content)
  const entry = pickMedia(content, media)
  return entry && { status: key, schema: entry.schema }
}

function pickMedia(
  content: ReadonlyMap<string, MediaTypeEntry>,
  media: string,
): MediaTypeEntry | undefined {
  const exact = media ? findMediaType(media, content) : undefined
  if (exact) return exact
  for (const [key, entry] of content) if (key.endsWith('json')) return entry
  return content.values().next().value
}

function createDocumentedResponse(
  checker: ValueChecker,
  operation: string,
  found: { status: string; schema: Located },
): DocumentedResponse {
  const root: readonly Located[] = [found.schema]
  // A probe's mismatches share their ancestors: which variants a container fits is worked out
  // once per container, not once per mismatch below it (a list of 500 drifting items).
  const fitsByValue = new WeakMap<object, Map<Located, boolean>>()
  const fits = (variant: Located, value: unknown): boolean => {
    if (value === null || typeof value !== 'object') return checker.allows([variant], value)
    let known = fitsByValue.get(value)
    if (!known) fitsByValue.set(value, (known = new Map()))
    let fit = known.get(variant)
    if (fit === undefined) known.set(variant, (fit = checker.allows([variant], value)))
    return fit
  }

  /** The schemas that apply to a value: its own, and the variants it fits (all, if none fits). */
  const expand = (slots: readonly Located[], value: unknown, depth = 0): NormalizedSchema[] => {
    const schema = checker.normalize(slots)
    const variants = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]
    if (variants.length === 0 || depth > maxVariantDepth) return [schema]
    const fitting = value === MISSING ? [] : variants.filter((variant) => fits(variant, value))
    return [
      schema,
      ...(fitting.length > 0 ? fitting : variants).flatMap((variant) =>
        expand([variant], value, depth + 1),
      ),
    ]
  }

  /** The schemas documented at a path, walking alongside the body to pick variants. */
  const reach = (body: unknown, path: readonly (string | number)[]): Candidate[] => {
    let candidates: Candidate[] = [root]
    let value: unknown = body
    for (const segment of path) {
      const next: Candidate[] = []
      for (const candidate of candidates) {
        if (candidate === 'any') {
          next.push('any')
          continue
        }
        for (const schema of expand(candidate, value)) {
          const child = childOf(schema, segment)
          if (child) next.push(child)
        }
      }
      if (next.length === 0) return []
      candidates = next.includes('any') ? ['any'] : next
      value = childValue(value, segment)
    }
    return candidates
  }

  return {
    operation,
    status: found.status,
    judge(body, path) {
      const value = valueAt(body, path)
      if (value !== MISSING) {
        const candidates = reach(body, path)
        if (candidates.length === 0) return 'undocumented'
        return candidates.some((c) => c === 'any' || checker.allows(c, value))
          ? 'allowed'
          : 'forbidden'
      }
      const last = path[path.length - 1]
      const parentPath = path.slice(0, -1)
      const parent = valueAt(body, parentPath)
      if (last === undefined || parent === MISSING) return 'undocumented'
      let verdict: Allowance = 'undocumented'
      for (const candidate of reach(body, parentPath)) {
        if (candidate === 'any') return 'allowed'
        if (typeof last === 'number') {
          if (checker.allows(candidate, parent)) return 'allowed'
          verdict = 'forbidden'
          continue
        }
        // Documented in any branch, and the parent as it is now is a value the document
        // allows (another branch of a oneOf, say): the key may be absent.
        const documented = expand(candidate, MISSING).some((schema) => childOf(schema, last))
        if (!documented) continue
        if (checker.allows(candidate, parent)) return 'allowed'
        if (expand(candidate, parent).some((schema) => checker.requires(schema, last)))
          verdict = 'forbidden'
        else return 'allowed'
      }
      return verdict
    },
    violations: (body, limit) => checker.violations(root, body, limit),
  }
}

/** A schema that says nothing about its keys: a map, or anything at all. */
function isOpen(schema: NormalizedSchema): boolean {
  if (schema.parts.some((part) => isObject(part.node) && part.node.additionalProperties === true))
    return true
  return (
    !schema.oneOf &&
    !schema.anyOf &&
    schema.properties.size === 0 &&
    schema.additionalProperties === 'any' &&
    schema.items === undefined
  )
}

function childOf(schema: NormalizedSchema, segment: string | number): Candidate | undefined {
  if (typeof segment === 'number') {
    if (schema.items) return schema.items
    return isOpen(schema) && (!schema.types || schema.types.has('array')) ? 'any' : undefined
  }
  const property = schema.properties.get(segment)
  if (property) return property
  if (Array.isArray(schema.additionalProperties)) return schema.additionalProperties
  return isOpen(schema) && (!schema.types || schema.types.has('object')) ? 'any' : undefined
}

function childValue(value: unknown, segment: string | number): unknown {
  if (value === null || typeof value !== 'object') return MISSING
  if (typeof segment === 'number') return Array.isArray(value) ? value[segment] : MISSING
  return !Array.isArray(value) && Object.hasOwn(value, segment)
    ? (value as Record<string, unknown>)[segment]
    : MISSING
}

function valueAt(body: unknown, path: readonly (string | number)[]): unknown {
  let value = body
  for (const segment of path) {
    value = childValue(value, segment)
    if (value === MISSING) return MISSING
  }
  return value
}
