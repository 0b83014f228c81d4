import { joinJsonPath } from '../../interactions/index.js'
import { REDACTED } from '../redaction-policy.js'

/** How a second answer to the same request differed from the recorded one, by rule path. */
export interface BodyChanges {
  /** Values that changed but kept their JSON type; arrays whose length changed. */
  varying: string[]
  /** Values whose JSON type changed (a string, then a null). */
  retyped: string[]
  /** Fields the recording has that the second answer did not. */
  missing: string[]
}

function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

/**
 * Walks a recorded JSON body and a second answer side by side. Array items are compared by
 * position and reported under `[*]`, the form rules take; redacted values are skipped (they
 * differ by design and have their rule already).
 */
export function compareBodies(recorded: unknown, again: unknown): BodyChanges {
  const varying = new Set<string>()
  const retyped = new Set<string>()
  const missing = new Set<string>()

  const visit = (a: unknown, b: unknown, path: string): void => {
    if (a === REDACTED) return
    const kind = kindOf(a)
    if (kind !== kindOf(b)) {
      retyped.add(path)
      return
    }
    if (kind === 'array') {
      const left = a as unknown[]
      const right = b as unknown[]
      if (left.length !== right.length) varying.add(path)
      for (let i = 0; i < Math.min(left.length, right.length); i++)
        visit(left[i], right[i], `${path}[*]`)
      return
    }
    if (kind === 'object') {
      const left = a as Record<string, unknown>
      const right = b as Record<string, unknown>
      for (const key of Object.keys(left)) {
        const child = joinJsonPath(path, key)
        if (Object.hasOwn(right, key)) visit(left[key], right[key], child)
        else missing.add(child)
      }
      return
    }
    if (a !== b) varying.add(path)
  }

  visit(recorded, again, '$')
  return { varying: [...varying], retyped: [...retyped], missing: [...missing] }
}
