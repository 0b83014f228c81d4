/** The OpenAPI version a document was written in. 2.0 documents are compared as 3.0. */
export type SpecVersion = '2.0' | '3.0' | '3.1'

/**
 * A loaded OpenAPI document, ready to diff: a 3.x object whose external `$ref`s were
 * bundled in, so every `$ref` left is local (`#/…`) and is followed lazily by the comparison.
 */
export interface LoadedSpec {
  /** The path or URL it was loaded from, as given. */
  source: string
  /** The version the document was written in. */
  version: SpecVersion
  /** The 3.x document (converted from 2.0 when `version` is `'2.0'`). */
  document: Readonly<Record<string, unknown>>
  /** Validation problems tolerated because `lenient` was set; empty otherwise. */
  problems: readonly string[]
}
