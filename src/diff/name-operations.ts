import type { HttpInteraction } from '../model/interaction.js'
import { collectOperations } from './compare/collect-operations.js'
import { DocumentView } from './compare/document-view.js'
import { createOperationMatcher } from './impact/match-operation.js'
import type { LoadedSpec } from './loaded-spec.js'

/**
 * Names each recorded request by the operation of `spec` it was made to, as the spec writes
 * it (`GET /repos/{owner}/{repo}`), or `undefined` where no operation matches. A recording
 * holds concrete paths only; the upstream's own templates are the names its owner knows.
 */
export function createOperationNamer(
  spec: LoadedSpec,
): (interaction: HttpInteraction) => string | undefined {
  const match = createOperationMatcher(
    collectOperations(new DocumentView(spec.document as Record<string, unknown>)),
  )
  return (interaction) => match(interaction)?.label
}
