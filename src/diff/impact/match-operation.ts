import type { HttpInteraction } from '../../model/interaction.js'
import type { OperationEntry } from '../compare/collect-operations.js'

interface OperationMatcher {
  op: OperationEntry
  withPrefix: RegExp
  bare: RegExp
  /** Fewer template parameters means a more literal path, preferred on a tie. */
  parameters: number
}

function templateToRegExp(template: string): RegExp {
  const source = template
    .split(/(\{[^}]*\})/)
    .map((part) =>
      part.startsWith('{') && part.endsWith('}')
        ? '[^/]+'
        : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('')
  return new RegExp(`^${source}/?$`)
}

/**
 * Finds the operation each recorded request was made to: method, then the path against the
 * templates with the servers' path prefix (`/v1/pets/{id}`), then without it, for recordings
 * whose base URL already held the prefix. The most literal template wins.
 */
export function createOperationMatcher(
  operations: readonly OperationEntry[],
): (interaction: HttpInteraction) => OperationEntry | undefined {
  const byMethod = new Map<string, OperationMatcher[]>()
  for (const op of operations) {
    if (op.webhook) continue
    const list = byMethod.get(op.method) ?? []
    list.push({
      op,
      withPrefix: templateToRegExp(op.prefix + op.path),
      bare: templateToRegExp(op.path),
      parameters: (op.path.match(/\{/g) ?? []).length,
    })
    byMethod.set(op.method, list)
  }
  for (const list of byMethod.values()) list.sort((a, b) => a.parameters - b.parameters)
  return (interaction) => {
    const list = byMethod.get(interaction.request.method.toLowerCase())
    if (!list) return undefined
    const path = interaction.request.path.split('?')[0] ?? ''
    return (list.find((m) => m.withPrefix.test(path)) ?? list.find((m) => m.bare.test(path)))?.op
  }
}
