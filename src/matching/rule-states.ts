import type { PathToken } from '../interactions/parse-rule-path.js'
import type {
  CompiledRule,
  CompiledRuleList,
  CompiledRuleSet,
} from '../interactions/matchers/compile-matcher.js'

/**
 * How far one rule's path has matched the path of the node being visited.
 *
 * Pact weighs a rule against a path by walking both: the root and each equal key or index count
 * 2, a wildcard counts 1, anything else rules the rule out; the product is the weight, and a rule
 * whose path is a prefix of the node's path applies to it too (rules cascade to children). The
 * heaviest rule wins, the longer path breaking ties.
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

  get applies(): boolean {
    return this.position === this.rule.tokens.length
  }
}

/** Caches stop growing here, so bodies with ever-new keys (ids as keys) cannot bloat them. */
const MAX_CACHED_CHILDREN = 256

function score(token: PathToken, segment: string | number): number {
  switch (token.kind) {
    case 'field':
      return segment === token.name ||
        (typeof segment === 'number' && String(segment) === token.name)
        ? 2
        : 0
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

/** A token whose verdict on an array index depends on which index it is. */
function indexSensitive(token: PathToken | undefined): boolean {
  return (
    token !== undefined &&
    (token.kind === 'index' || (token.kind === 'field' && /^\d+$/.test(token.name)))
  )
}

/**
 * The rule states at one node. A walk could recompute, for every node, how far each rule's path
 * matches, but sibling nodes mostly share the answer: every item of an array under `[*]` rules,
 * every key of the same name in those items. So a set caches its children's sets by key (and
 * once for all indexes when no rule names an index) and the rule it selects. Walking a large
 * body then costs a map lookup per node, and no allocation.
 */
export class RuleStateSet {
  /** The governing state, once computed; `null` when none governs. */
  private selected: RuleState | null | undefined
  private readonly children = new Map<string | number, RuleStateSet>()
  private anyIndexChild: RuleStateSet | undefined
  private readonly extended = new Map<CompiledRule, RuleStateSet>()
  /** Only cascaded rules remain: every descendant has this same set. */
  private readonly settled: boolean
  private readonly indexFree: boolean

  constructor(readonly states: readonly RuleState[]) {
    let settled = true
    let indexFree = true
    for (const s of states) {
      if (!s.applies || !s.cascaded) settled = false
      if (!s.applies) {
        const next = s.rule.tokens[s.position]!
        if (
          indexSensitive(next) ||
          (next.kind === 'descend' && indexSensitive(s.rule.tokens[s.position + 1]))
        )
          indexFree = false
      }
    }
    this.settled = settled
    this.indexFree = indexFree
  }

  get empty(): boolean {
    return this.states.length === 0
  }

  /** The set of the child reached through `segment` (a key, or an index). */
  child(segment: string | number): RuleStateSet {
    if (this.settled) return this
    if (typeof segment === 'number' && this.indexFree)
      return (this.anyIndexChild ??= this.derive(segment))
    let found = this.children.get(segment)
    if (found) return found
    found = this.derive(segment)
    if (this.children.size < MAX_CACHED_CHILDREN) this.children.set(segment, found)
    return found
  }

  private derive(segment: string | number): RuleStateSet {
    const out: RuleState[] = []
    for (const s of this.states) {
      if (s.applies) out.push(s.cascaded ? s : new RuleState(s.rule, s.position, s.weight, true))
      else advance(s, segment, out)
    }
    return out.length === 0 ? EMPTY_STATES : new RuleStateSet(out)
  }

  /** This set plus a rule that applies to the node directly, weighing `weight` (eachValue's child rules). */
  with(rule: CompiledRule, weight: number): RuleStateSet {
    let found = this.extended.get(rule)
    if (!found) {
      found = new RuleStateSet([
        ...this.states,
        new RuleState(rule, rule.tokens.length, weight, false),
      ])
      this.extended.set(rule, found)
    }
    return found
  }

  /**
   * The rule that governs this node, or undefined when none does (equality applies).
   * A cascaded rule made only of container matchers (values, eachValue, arrayContains) says
   * nothing about a descendant, so it does not govern one.
   */
  select(): RuleState | undefined {
    if (this.selected !== undefined) return this.selected ?? undefined
    let best: RuleState | undefined
    for (const s of this.states) {
      if (!s.applies) continue
      if (s.cascaded && s.rule.list.containerOnly) continue
      if (
        !best ||
        s.weight > best.weight ||
        (s.weight === best.weight && s.rule.specificity > best.rule.specificity)
      )
        best = s
    }
    this.selected = best ?? null
    return best
  }
}

export const EMPTY_STATES = new RuleStateSet([])

const roots = new WeakMap<CompiledRuleSet, RuleStateSet>()

/** The states at the root (`$`) of a rule set, shared by every walk over that set. */
export function rootStates(set: CompiledRuleSet): RuleStateSet {
  if (set.rules.length === 0) return EMPTY_STATES
  let root = roots.get(set)
  if (!root) {
    root = new RuleStateSet(set.rules.map((rule) => new RuleState(rule, 0, 2, false)))
    roots.set(set, root)
  }
  return root
}

/**
 * The rule eachValue gives the children of the container at `depth`: it weighs as a rule keyed
 * `<that container's path>.*` would, so a rule written for a specific child still wins.
 */
export function syntheticChildRule(
  list: CompiledRuleList,
  depth: number,
): CompiledRule | undefined {
  const nested = list.eachValue?.nested
  if (!nested || nested.matchers.length === 0) return undefined
  list.synthetic ??= new Map()
  let rule = list.synthetic.get(depth)
  if (!rule) {
    rule = { tokens: [], list: nested, specificity: depth + 1 }
    list.synthetic.set(depth, rule)
  }
  return rule
}
