import type { CompiledMatcher, CompiledRuleList } from '../interactions/matchers/compile-matcher.js'
import { describeActual } from '../interactions/matchers/describe-value.js'
import type { Failure, FloatHint, ValueMode } from '../interactions/matchers/matcher-failure.js'

const NEVER: FloatHint = () => false

/** Applies one matcher to one value, as its table entry says. */
export function checkMatcher(
  m: CompiledMatcher,
  expected: unknown,
  actual: unknown,
  mode: ValueMode,
  writtenAsFloat: FloatHint = NEVER,
): Failure | undefined {
  return m.definition.check(m, expected, actual, mode, writtenAsFloat)
}

/**
 * Applies a rule list to one value: every matcher must pass (AND), or any one (OR).
 * Returns the failures to report (empty when the value passes).
 */
export function checkRuleList(
  list: CompiledRuleList,
  expected: unknown,
  actual: unknown,
  mode: ValueMode,
  writtenAsFloat?: FloatHint,
): Failure[] {
  const failures: Failure[] = []
  for (const m of list.matchers) {
    const failure = checkMatcher(m, expected, actual, mode, writtenAsFloat)
    if (!failure) {
      if (list.combine === 'OR') return []
      continue
    }
    failures.push(failure)
  }
  if (list.combine === 'OR' && failures.length > 1) {
    const wanted = failures.map((f) => f.text.replace(/^expected /, '').replace(/, got [^]*$/, ''))
    return [
      {
        rule: failures.map((f) => f.rule).join(' or '),
        expected: failures.map((f) => f.expected).join(' or '),
        actual: failures[0]!.actual,
        text: `expected ${wanted.join(' or ')}, got ${describeActual(actual)}`,
      },
    ]
  }
  return failures
}
