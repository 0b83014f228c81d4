import type { MatchingRule, MatchingRules } from '../model/index.js'
import { joinJsonPath } from '../interactions/index.js'
import { TYPE_RULE } from './set-rule.js'
import { detectShape, ruleForShape, type ValueShape } from './value-patterns.js'

/** What the samples showed at one rule path (`$.items[*].id` gathers every item's id). */
interface Observed {
  /** The rule path of the object holding this key; undefined for the root and array items. */
  parent?: string
  /** How many times a value (null included) was there. */
  present: number
  /** How many times the value was an object: what a child key's `present` is counted against. */
  objects: number
  arrays: number
  emptyArrays: number
  nulls: number
  /** The JSON kinds of the non-null values: more than one (an id or the object it names) promises no type. */
  kinds: Set<string>
  /** Each non-null string's shape, `none` for a string without one, `other` for any other value. */
  shapes: Set<ValueShape | 'none' | 'other'>
  /** The first non-null value seen: the example that stands in for a recorded null. */
  sample?: unknown
}

/** What a recorded body generalises to. */
export interface GeneralisedBody {
  /** The example to write: the recorded body, less what it cannot promise (see {@link generaliseBody}). */
  example: unknown
  /** Body rules by path, `$` first. */
  rules: Record<string, MatchingRule[]>
  /** Paths seen both null and not null: written as "this type, or null". */
  nullable: string[]
  /** Keys dropped from the example: seen absent in some samples, only ever null, or of two types. */
  dropped: string[]
}

/**
 * Generalises a recorded JSON body from all the evidence there is: the body itself (every item
 * of a list is a sample of the same fields) and earlier recordings of the same request.
 *
 * - A field seen both null and not null is nullable: "its type, or null". Where the example
 *   holds the null, the first value seen there takes its place, so the type has an example.
 * - A key absent from some samples of its object is optional, a field only ever seen null
 *   says nothing about its type, and one seen with two types (Stripe's expandable fields: an
 *   id, or the object it names) has none to promise: all are left out of the example, so the
 *   contract promises nothing about them (Pact's own way to say "optional").
 * - Arrays seen non-empty in every sample must stay non-empty; UUIDs, dates, date-times and
 *   URLs must keep their shape where every sample had it.
 *
 * `earlier` are earlier recordings' examples, with the paths their rules made nullable.
 */
export function generaliseBody(
  body: unknown,
  earlier: readonly { example: unknown; nullable: readonly string[] }[] = [],
): GeneralisedBody {
  const observed = new Map<string, Observed>()
  observe(body, '$', undefined, observed)
  for (const sample of earlier) {
    observe(sample.example, '$', undefined, observed)
    // The earlier example had its nulls replaced: its rules remember they were seen.
    for (const path of sample.nullable) {
      const seen = observed.get(path)
      if (seen) seen.nulls++
    }
  }

  const isNullable = (seen: Observed) => seen.nulls > 0 && seen.nulls < seen.present
  const isDropped = (path: string, seen: Observed) =>
    seen.parent !== undefined &&
    (seen.nulls === seen.present ||
      seen.kinds.size > 1 ||
      seen.present < (observed.get(seen.parent)?.objects ?? 0))

  const dropped = new Set<string>()
  const example = rewrite(body, '$', observed, (path, seen) => {
    if (isDropped(path, seen)) {
      dropped.add(path)
      return 'drop'
    }
    return isNullable(seen) ? 'fill' : 'keep'
  })

  const rules: Record<string, MatchingRule[]> = { $: [TYPE_RULE] }
  const nullable: string[] = []
  const below: string[] = []
  for (const [path, seen] of observed) {
    if (dropped.has(path) || [...dropped].some((d) => isBelow(path, d))) continue
    let rule: MatchingRule | undefined
    if (seen.arrays > 0 && seen.emptyArrays === 0 && seen.shapes.size === 0)
      rule = { match: 'type', min: 1 }
    else if (seen.arrays === 0 && seen.shapes.size === 1) {
      const [shape] = seen.shapes
      if (shape !== 'none' && shape !== 'other' && shape !== undefined) rule = ruleForShape(shape)
    }
    if (isNullable(seen)) {
      nullable.push(path)
      rules[path] = [rule ?? TYPE_RULE, { match: 'null' }]
      // A rule holds for the values below it that have none of their own: "or null" is for
      // this field, not for every field of the object it holds.
      if (seen.objects > 0) below.push(`${path}.*`)
      if (seen.arrays > 0) below.push(`${path}[*]`)
    } else if (rule !== undefined) rules[path] = [rule]
  }
  for (const path of below) rules[path] ??= [TYPE_RULE]
  return { example, rules, nullable, dropped: [...dropped] }
}

/** The rule paths a set of body rules makes nullable (an OR with a `null` matcher). */
export function nullablePaths(rules: MatchingRules | undefined): string[] {
  return Object.entries(rules?.body ?? {})
    .filter(([, list]) => list.combine === 'OR' && list.matchers.some((m) => m.match === 'null'))
    .map(([path]) => path)
}

function isBelow(path: string, ancestor: string): boolean {
  return path.startsWith(ancestor) && /^[.[]/.test(path.slice(ancestor.length))
}

function observe(
  value: unknown,
  path: string,
  parent: string | undefined,
  observed: Map<string, Observed>,
): void {
  let seen = observed.get(path)
  if (!seen) {
    seen = {
      present: 0,
      objects: 0,
      arrays: 0,
      emptyArrays: 0,
      nulls: 0,
      kinds: new Set(),
      shapes: new Set(),
    }
    if (parent !== undefined) seen.parent = parent
    observed.set(path, seen)
  }
  seen.present++
  if (value === null) {
    seen.nulls++
    return
  }
  if (seen.sample === undefined) seen.sample = value
  seen.kinds.add(Array.isArray(value) ? 'array' : typeof value)
  if (Array.isArray(value)) {
    seen.arrays++
    if (value.length === 0) seen.emptyArrays++
    for (const item of value) observe(item, `${path}[*]`, undefined, observed)
    return
  }
  if (typeof value === 'object') {
    seen.objects++
    seen.shapes.add('other')
    for (const [key, child] of Object.entries(value))
      observe(child, joinJsonPath(path, key), path, observed)
    return
  }
  seen.shapes.add(typeof value === 'string' ? (detectShape(value) ?? 'none') : 'other')
}

/**
 * A copy of `value` with dropped keys left out and nulls at nullable paths filled from the
 * sample seen there (itself rewritten, so its own optional keys go too).
 */
function rewrite(
  value: unknown,
  path: string,
  observed: Map<string, Observed>,
  decide: (path: string, seen: Observed) => 'keep' | 'drop' | 'fill',
): unknown {
  if (Array.isArray(value))
    return value.map((item) => {
      const itemPath = `${path}[*]`
      const seen = observed.get(itemPath)
      const filled = item === null && seen && decide(itemPath, seen) === 'fill' ? seen.sample : item
      return rewrite(filled, itemPath, observed, decide)
    })
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) {
    const childPath = joinJsonPath(path, key)
    const seen = observed.get(childPath)
    const decision = seen ? decide(childPath, seen) : 'keep'
    if (decision === 'drop') continue
    const filled = child === null && decision === 'fill' ? seen!.sample : child
    out[key] = rewrite(filled, childPath, observed, decide)
  }
  return out
}
