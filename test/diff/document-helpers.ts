import type { LoadedSpec } from '../../src/diff/loaded-spec.js'
import { diffSpecs, type DiffOptions } from '../../src/diff/diff-specs.js'
import type { DiffResult } from '../../src/diff/spec-change.js'

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

/**
 * Makes a document fragment (as in a rule example) a whole 3.1 document: adds `openapi` and
 * `info`, a response to every operation that has none, and a small object schema for every
 * component a `$ref` names but the fragment does not define.
 */
export function completeDocument(fragment: unknown, openapi = '3.1.0'): Record<string, unknown> {
  const doc = structuredClone(fragment ?? {}) as Record<string, any>
  doc.openapi ??= openapi
  doc.info ??= { title: 'example', version: '1' }
  doc.paths ??= {}
  for (const container of [doc.paths, doc.webhooks ?? {}]) {
    for (const item of Object.values(container) as Record<string, any>[]) {
      for (const method of METHODS)
        if (item[method] && !item[method].responses)
          item[method].responses = { '200': { description: 'OK' } }
    }
  }
  const refs = new Set<string>()
  const visit = (node: unknown) => {
    if (node === null || typeof node !== 'object') return
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') refs.add(value)
      else visit(value)
    }
  }
  visit(doc)
  for (const ref of refs) {
    const match = /^#\/components\/schemas\/(.+)$/.exec(ref)
    if (!match?.[1]) continue
    doc.components ??= {}
    doc.components.schemas ??= {}
    doc.components.schemas[match[1]] ??= {
      type: 'object',
      title: match[1],
      properties: { [match[1].toLowerCase()]: { type: 'string' } },
    }
  }
  return doc
}

export function specOf(document: unknown, source = 'doc.yaml'): LoadedSpec {
  const root = document as Record<string, unknown>
  const version = root.swagger ? '2.0' : String(root.openapi).startsWith('3.1') ? '3.1' : '3.0'
  return { source, version, document: root, problems: [] }
}

export function diffDocuments(base: unknown, revision: unknown, options?: DiffOptions): DiffResult {
  return diffSpecs(specOf(base, 'base.yaml'), specOf(revision, 'revision.yaml'), options)
}

export function ruleIds(result: DiffResult): string[] {
  return [...new Set(result.changes.map((change) => change.rule))].sort()
}
