import type { PathToken } from '../interactions/parse-rule-path.js'
import type { CompiledRule, CompiledRuleSet } from './compile-rules.js'

/**
 * How far one rule's path has matched the path of the node being visited.
 *
 * Pact weighs a rule against a path by walking both: the root and each equal key or index count
 * 2, a wildcard counts 1, anything else rules the rule out; the product is the weight, and a rule
 * whose path is a prefix of the node's path applies to it too (rules cascade to children). The
 * heaviest rule wins, the longer path breaking ties. Doing that walk once per rule per node would
 * allocate path strings and re-walk the path each time; instead each node carries the states of
 * the rules still alive, and a child derives its states from its parent's in one step.
 */
export class RuleState {
  constructor(
    readonly rule: CompiledRule,
    /** Tokens matched so far; equal to the token count when the rule applies to this node. */
    readonly position: number,
    readonly weight: number,
    /** The rule's path ended above this node: it applies by cascading. */
    readonly cascaded: boolean,
  ) {}
}

export type RuleStates = readonly RuleState[]

export const NO_STATES: RuleStates = Object.freeze([])

/** The states at the root (`$`). */
export function rootStates(set: CompiledRuleSet): RuleStates {
  if (set.rules.length === 0) return NO_STATES
  return set.rules.map((rule) => new RuleState(rule, 0, 2, false))
}

function score(token: PathToken, segment: string | number): number {
  switch (token.kind) {
    case 'field':
      return segment === token.name || (typeof segment === 'number' && String(segment) === token.name) ? 2 : 0
    case 'index':
      return segment === token.index || segment === String(token.index) ? 2 : 0
    case 'any':
      return 1
    case 'any-index':
      return typeof segment === 'number' ? 1 : 0
    case 'descend':
      return 1
  }
}

function advance(state: RuleState, segment: string | number, out: RuleState[]): void {
  const { rule, position, weight } = state
  const tokens = rule.tokens
  const token = tokens[position]!
  if (token.kind !== 'descend') {
    const s = score(token, segment)
    if (s > 0) out.push(new RuleState(rule, position + 1, weight * s, false))
    return
  }
  // `..` may swallow this segment and stay open, or match nothing and let the next token try it.
  out.push(new RuleState(rule, position, weight, false))
  const next = tokens[position + 1]
  if (next === undefined) {
    out.push(new RuleState(rule, position + 1, weight, false))
    return
  }
  const s = score(next, segment)
  if (s > 0) out.push(new RuleState(rule, position + 2, weight * s, false))
}

/** The states of the child reached through `segment` (a key or an index). */
export function descend(states: RuleStates, segment: string | number): RuleStates {
  const count = states.length
  if (count === 0) return NO_STATES
  // Deep inside a subtree only cascaded rules remain: the child shares its parent's states.
  let settled = true
  for (let i = 0; i < count; i++) {
    const s = states[i]!
    if (!s.cascaded || s.position !== s.rule.tokens.length) {
      settled = false
      break
    }
  }
  if (settled) return states
  const out: RuleState[] = []
  for (let i = 0; i < count; i++) {
    const s = states[i]!
    if (s.position === s.rule.tokens.length) out.push(s.cascaded ? s : new RuleState(s.rule, s.position, s.weight, true))
    else advance(s, segment, out)
  }
  return out.length === 0 ? NO_STATES : out
}

/** Adds a rule that applies to this node directly, weighing `weight` (eachValue's child rules). */
export function withRule(states: RuleStates, rule: CompiledRule, weight: number): RuleStates {
  return [...states, new RuleState(rule, rule.tokens.length, weight, false)]
}

/**
 * The rule that governs this node, or undefined when none does (equality applies).
 * A cascaded rule made only of container matchers (values, eachKey, …) says nothing about a
 * descendant, so it does not govern one.
 */
export function selectRule(states: RuleStates): RuleState | undefined {
  let best: RuleState | undefined
  for (let i = 0; i < states.length; i++) {
    const s = states[i]!
    if (s.position !== s.rule.tokens.length) continue
    if (s.cascaded && s.rule.list.containerOnly) continue
    if (!best || s.weight > best.weight || (s.weight === best.weight && s.rule.specificity > best.rule.specificity)) best = s
  }
  return best
}
