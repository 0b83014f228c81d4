import type { MatchingRule, MatchingRules, RuleCategory } from '../model/index.js'

/** The rule a redacted value gets: any value of the placeholder's type matches. */
export const TYPE_RULE: MatchingRule = { match: 'type' }

/** Puts `matchers` at `expression` of `category`, replacing what was there. */
export function setRule(
  rules: MatchingRules,
  category: RuleCategory,
  expression: string,
  matchers: readonly MatchingRule[],
): void {
  const byExpression = (rules[category] ??= {})
  byExpression[expression] = { combine: 'AND', matchers: matchers.map((m) => ({ ...m })) }
}

/** A deep copy of rules, so a part built from another never shares its rule objects. */
export function copyRules(rules: MatchingRules | undefined): MatchingRules {
  return rules === undefined ? {} : (structuredClone(rules) as MatchingRules)
}

/** `undefined` for rules with no category left, so empty `matchingRules` are not written. */
export function nonEmptyRules(rules: MatchingRules): MatchingRules | undefined {
  for (const category in rules) {
    const byExpression = rules[category as RuleCategory]
    if (byExpression && Object.keys(byExpression).length > 0) return rules
  }
  return undefined
}
