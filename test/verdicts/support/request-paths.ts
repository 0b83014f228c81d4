import { generateSync } from 'json-schema-faker'
import { convertSchema } from './openapi-to-json-schema.js'
import type { OperationChoice } from './spec-upstream.js'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `#/components/parameters/X` → the parameter object. */
function resolveParameter(document: Record<string, unknown>, parameter: unknown): unknown {
  if (!isRecord(parameter) || typeof parameter.$ref !== 'string') return parameter
  const name = parameter.$ref.replace('#/components/parameters/', '')
  const components = isRecord(document.components) ? document.components : {}
  return isRecord(components.parameters) ? components.parameters[name] : undefined
}

/**
 * A concrete request path for an operation: each `{name}` filled from the parameter's example,
 * or generated from its schema (`variant` picks another generated value), URL-encoded.
 */
export function buildRequestPath(
  document: Record<string, unknown>,
  choice: OperationChoice,
  variant = 0,
): string {
  const item = (document.paths as Record<string, Record<string, unknown>>)[choice.path] ?? {}
  const operation = item[choice.method.toLowerCase()]
  const parameters = [
    ...(Array.isArray(item.parameters) ? item.parameters : []),
    ...(isRecord(operation) && Array.isArray(operation.parameters) ? operation.parameters : []),
  ].map((p) => resolveParameter(document, p))
  return choice.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const parameter = parameters.find((p) => isRecord(p) && p.in === 'path' && p.name === name)
    const schema = isRecord(parameter) && isRecord(parameter.schema) ? parameter.schema : {}
    const example = isRecord(parameter) ? (parameter.example ?? schema.example) : undefined
    let value: unknown = variant === 0 ? example : undefined
    if (value === undefined || value === null || value === '')
      value = generateSync(convertSchema({ type: 'string', ...schema, nullable: false }) as never, {
        seed: 1000 + variant,
        minLength: 3,
        maxLength: 24,
      })
    const text = String(value)
    return encodeURIComponent(text === '' ? `id${variant}` : text)
  })
}
