import type { Contract, ErrorLocation } from '../model/index.js'
import { formatFieldPath, type FieldPath } from './problem.js'
import { locatePath, positionAt, sliceValueSource, type SourceDocument } from './source-document.js'

// A side table rather than a field: the contract stays plain data, yet an error found at
// run time (an unset variable, a duplicate name) can still name the line and column.
const sources = new WeakMap<Contract, SourceDocument>()

export function rememberSource(contract: Contract, source: SourceDocument): void {
  sources.set(contract, source)
}

/**
 * Where a field of a loaded contract was written. With `variable`, the place of `${variable}`
 * inside the value when it can be found there. Contracts built by hand have no source: then
 * only the file is known.
 */
export function locateField(
  contract: Contract,
  path: FieldPath,
  variable?: string,
): ErrorLocation & { file: string } {
  const source = sources.get(contract)
  const fieldPath = formatFieldPath(path)
  if (!source) return { file: contract.file, path: fieldPath }
  let position = locatePath(source, path, 'value')
  const slice = variable ? sliceValueSource(source, path) : undefined
  const offset = slice?.text.indexOf(`\${${variable}}`) ?? -1
  if (slice && offset >= 0) position = positionAt(source, slice.offset + offset)
  return { file: source.displayFile, ...position, path: fieldPath }
}
