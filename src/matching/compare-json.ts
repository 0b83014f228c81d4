import type {
  CompiledMatcher,
  CompiledRuleList,
  CompiledRuleSet,
} from '../interactions/matchers/compile-matcher.js'
import {
  describeActual,
  describeKind,
  items,
  kindOf,
  showValue,
} from '../interactions/matchers/describe-value.js'
import { jsonEqual } from '../interactions/matchers/json-equal.js'
import {
  equalityFailure,
  type Failure,
  type FloatHint,
} from '../interactions/matchers/matcher-failure.js'
import type { Mismatch } from '../model/index.js'
import { checkMatcher, checkRuleList } from './check-rule-list.js'
import { findWholeFloatPaths } from './find-float-literals.js'
import { formatPath } from './format-path.js'
import {
  EMPTY_STATES,
  rootStates,
  syntheticChildRule,
  type RuleState,
  type RuleStateSet,
} from './rule-states.js'

/** Mutable state of one comparison; one per body, reused across the whole walk. */
export interface JsonWalk {
  /** Requests may not carry keys the interaction does not have; responses may (Pact's rule). */
  allowUnexpectedKeys: boolean
  mismatches: Mismatch[]
  /** The path to the node being visited, as segments; turned into a string only to report. */
  segments: (string | number)[]
  /** Stop at the first mismatch: used when only "does it match?" matters (arrayContains). */
  stopAtFirst: boolean
  /** The actual body's text, when the walk starts at its root: consulted for `10.0` vs `10`. */
  source?: string
  wholeFloats?: ReadonlySet<string>
  writtenAsFloat?: FloatHint
}

/** A walk over the actual body `source` (undefined for walks rooted elsewhere). */
export function createJsonWalk(
  allowUnexpectedKeys: boolean,
  mismatches: Mismatch[],
  source?: string,
): JsonWalk {
  return { allowUnexpectedKeys, mismatches, segments: [], stopAtFirst: false, source }
}

function floatHint(walk: JsonWalk): FloatHint {
  return () => {
    if (walk.source === undefined) return false
    walk.wholeFloats ??= findWholeFloatPaths(walk.source)
    return walk.wholeFloats.size > 0 && walk.wholeFloats.has(formatPath(walk.segments))
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function report(walk: JsonWalk, failure: Failure, extraSegment?: string | number): void {
  if (extraSegment !== undefined) walk.segments.push(extraSegment)
  const path = formatPath(walk.segments)
  if (extraSegment !== undefined) walk.segments.pop()
  walk.mismatches.push({
    part: 'body',
    path,
    expected: failure.expected,
    actual: failure.actual,
    rule: failure.rule,
    message: `${path}: ${failure.text}`,
  })
}

function done(walk: JsonWalk): boolean {
  return walk.stopAtFirst && walk.mismatches.length > 0
}

/** A matcher meant for leaves, on a container: reported when written for it, else meant for the leaves below. */
function checkLeafOnContainer(
  m: CompiledMatcher,
  expected: unknown,
  actual: unknown,
  _size: number,
  direct: boolean,
): Failure[] | undefined {
  const failure = direct ? checkMatcher(m, expected, actual, 'json') : undefined
  return failure && [failure]
}

/** What the governing rule's matchers say of the container itself (sizes, emptiness, misuse). */
function checkContainer(
  list: CompiledRuleList,
  state: RuleState,
  expected: unknown,
  actual: unknown[] | Record<string, unknown>,
  walk: JsonWalk,
): void {
  const size = Array.isArray(actual) ? actual.length : Object.keys(actual).length
  const direct = !state.cascaded
  if (list.combine === 'OR') {
    const perMatcher = list.matchers.map((m) =>
      (m.definition.checkContainer ?? checkLeafOnContainer)(m, expected, actual, size, direct),
    )
    // "An object, or null": the container passes when any one matcher does.
    if (perMatcher.some((failures) => !failures || failures.length === 0)) return
    for (const failures of perMatcher) for (const failure of failures!) report(walk, failure)
    return
  }
  for (const m of list.matchers) {
    const check = m.definition.checkContainer ?? checkLeafOnContainer
    const failures = check(m, expected, actual, size, direct)
    if (failures) for (const failure of failures) report(walk, failure)
  }
}

function compareObjects(
  expected: Record<string, unknown>,
  actual: Record<string, unknown>,
  states: RuleStateSet,
  state: RuleState | undefined,
  walk: JsonWalk,
): void {
  const list = state?.rule.list
  const direct = list !== undefined && !state!.cascaded
  if (list) checkContainer(list, state!, expected, actual, walk)
  const valuesMode = direct && list.values
  const eachKey = direct ? list.eachKey : undefined
  const checkKeys = !valuesMode && !eachKey
  if (checkKeys && !walk.allowUnexpectedKeys) {
    for (const key in actual) {
      if (Object.hasOwn(expected, key)) continue
      report(
        walk,
        {
          rule: 'key',
          expected: 'nothing',
          actual: kindOf(actual[key]),
          text: `unexpected key with ${describeActual(actual[key])} (the interaction does not have it)`,
        },
        key,
      )
      if (done(walk)) return
    }
  }
  if (eachKey?.nested) {
    for (const key in actual) {
      for (const failure of checkRuleList(eachKey.nested, undefined, key, 'text')) {
        report(walk, { ...failure, text: `key ${JSON.stringify(key)}: ${failure.text}` }, key)
      }
      if (done(walk)) return
    }
  }
  const depth = walk.segments.length
  if (valuesMode) {
    const synthetic = syntheticChildRule(list, depth)
    let example: unknown
    for (const key in expected) {
      example = expected[key]
      break
    }
    for (const key in actual) {
      let childStates = states.child(key)
      if (synthetic) childStates = childStates.with(synthetic, 2 ** (depth + 1))
      walk.segments.push(key)
      compareValue(
        Object.hasOwn(expected, key) ? expected[key] : example,
        actual[key],
        childStates,
        walk,
      )
      walk.segments.pop()
      if (done(walk)) return
    }
    return
  }
  for (const key in expected) {
    if (!Object.hasOwn(actual, key)) {
      if (checkKeys) {
        report(
          walk,
          {
            rule: 'key',
            expected: kindOf(expected[key]),
            actual: 'nothing',
            text: `expected ${describeKind(expected[key])}, but the key is missing`,
          },
          key,
        )
        if (done(walk)) return
      }
      continue
    }
    walk.segments.push(key)
    compareValue(expected[key], actual[key], states.child(key), walk)
    walk.segments.pop()
    if (done(walk)) return
  }
}

function arrayContains(
  list: CompiledRuleList,
  expected: unknown[],
  actual: unknown[],
  walk: JsonWalk,
): void {
  const m = list.arrayContains!
  const variants =
    m.variants!.length > 0
      ? m.variants!
      : expected.map((_, index) => ({ index, rules: { rules: [] } as CompiledRuleSet }))
  for (const variant of variants) {
    const example = expected[variant.index]
    if (example === undefined) {
      report(walk, {
        rule: 'arrayContains',
        expected: `variant ${variant.index}`,
        actual: 'nothing',
        text: `the arrayContains rule names item ${variant.index}, but the example array has ${items(expected.length)}`,
      })
      continue
    }
    const probe: JsonWalk = {
      allowUnexpectedKeys: walk.allowUnexpectedKeys,
      mismatches: [],
      segments: [],
      stopAtFirst: true,
    }
    const root = rootStates(variant.rules)
    const found = actual.some((item) => {
      probe.mismatches.length = 0
      compareValue(example, item, root, probe)
      return probe.mismatches.length === 0
    })
    if (!found) {
      report(walk, {
        rule: 'arrayContains',
        expected: showValue(example),
        actual: describeActual(actual),
        text: `expected an item like ${showValue(example)} (variant ${variant.index}), but none of the ${items(actual.length)} matched`,
      })
      if (done(walk)) return
    }
  }
}

function compareArrays(
  expected: unknown[],
  actual: unknown[],
  states: RuleStateSet,
  state: RuleState | undefined,
  walk: JsonWalk,
): void {
  const list = state?.rule.list
  const direct = list !== undefined && !state!.cascaded
  if (direct && list.arrayContains) {
    arrayContains(list, expected, actual, walk)
    return
  }
  if (list) checkContainer(list, state!, expected, actual, walk)
  if (list?.flexibleArray) {
    // Like Pact: each item is matched against the example at its index, or the first example.
    const synthetic = direct ? syntheticChildRule(list, walk.segments.length) : undefined
    if (expected.length === 0 && !synthetic) return
    const weight = 2 ** (walk.segments.length + 1)
    for (let i = 0; i < actual.length; i++) {
      let childStates = states.child(i)
      if (synthetic) childStates = childStates.with(synthetic, weight)
      walk.segments.push(i)
      compareValue(i < expected.length ? expected[i] : expected[0], actual[i], childStates, walk)
      walk.segments.pop()
      if (done(walk)) return
    }
    return
  }
  if (expected.length !== actual.length) {
    const text =
      expected.length === 0
        ? `expected an empty array, got ${describeActual(actual)}`
        : `expected an array of ${items(expected.length)}, got ${items(actual.length)}`
    report(walk, {
      rule: 'equality',
      expected: items(expected.length),
      actual: items(actual.length),
      text,
    })
    if (done(walk)) return
  }
  const n = Math.min(expected.length, actual.length)
  for (let i = 0; i < n; i++) {
    walk.segments.push(i)
    compareValue(expected[i], actual[i], states.child(i), walk)
    walk.segments.pop()
    if (done(walk)) return
  }
}

/** Compares a subtree without rules: plain equality, reported at the deepest differing node. */
function compareEqual(expected: unknown, actual: unknown, walk: JsonWalk): void {
  if (expected === actual) return
  if (Array.isArray(expected) && Array.isArray(actual))
    return compareArrays(expected, actual, EMPTY_STATES, undefined, walk)
  if (isObject(expected) && isObject(actual))
    return compareObjects(expected, actual, EMPTY_STATES, undefined, walk)
  if (!jsonEqual(expected, actual)) report(walk, equalityFailure(expected, actual))
}

function reportAll(walk: JsonWalk, failures: Failure[]): void {
  for (const failure of failures) report(walk, failure)
}

/** Compares one node of the expected body with the same node of the actual body. */
export function compareValue(
  expected: unknown,
  actual: unknown,
  states: RuleStateSet,
  walk: JsonWalk,
): void {
  if (states.empty) return compareEqual(expected, actual, walk)
  const state = states.select()
  if (Array.isArray(expected)) {
    if (Array.isArray(actual)) return compareArrays(expected, actual, states, state, walk)
    if (state) return reportAll(walk, checkRuleList(state.rule.list, expected, actual, 'json'))
    return report(walk, {
      rule: 'type',
      expected: 'array',
      actual: kindOf(actual),
      text: `expected an array, got ${describeActual(actual)}`,
    })
  }
  if (isObject(expected)) {
    if (isObject(actual)) return compareObjects(expected, actual, states, state, walk)
    if (state) return reportAll(walk, checkRuleList(state.rule.list, expected, actual, 'json'))
    return report(walk, {
      rule: 'type',
      expected: 'object',
      actual: kindOf(actual),
      text: `expected an object, got ${describeActual(actual)}`,
    })
  }
  if (state)
    return reportAll(
      walk,
      checkRuleList(
        state.rule.list,
        expected,
        actual,
        'json',
        typeof actual === 'number' ? (walk.writtenAsFloat ??= floatHint(walk)) : undefined,
      ),
    )
  if (!jsonEqual(expected, actual)) report(walk, equalityFailure(expected, actual))
}

/**
 * Compares a parsed JSON body against the expected one under the body rules.
 * Mismatches are appended to `walk.mismatches`.
 */
export function compareJsonBody(
  expected: unknown,
  actual: unknown,
  rules: CompiledRuleSet,
  walk: JsonWalk,
): void {
  compareValue(expected, actual, rootStates(rules), walk)
}
