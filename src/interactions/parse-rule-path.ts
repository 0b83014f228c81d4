/**
 * One step of a rule's path expression. `$.items[*].id` is `field items`, `any-index`, `field id`;
 * the leading `$` is implied.
 */
export type PathToken =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  /** `.*` or `['*']`: any key or index. */
  | { kind: 'any' }
  /** `[*]`: any index. */
  | { kind: 'any-index' }
  /** `..`: zero or more steps. */
  | { kind: 'descend' }

/** Thrown by {@link parseRulePath}; the caller knows the file and place and says so. */
export class RulePathSyntaxError extends SyntaxError {}

/**
 * Parses a Pact body-rule expression: `$`, `$.a.b`, `$.a[*]`, `$.a.*`, `$[0]`, `$['a b']`,
 * `$..name`. Field names run to the next `.` or `[`, as in Pact's own parser.
 * @throws RulePathSyntaxError naming the character at fault.
 */
export function parseRulePath(expression: string): PathToken[] {
  const fail = (at: number, why: string): never => {
    throw new RulePathSyntaxError(`character ${at + 1}: ${why}`)
  }
  if (expression[0] !== '$') fail(0, 'a rule path starts with $')
  const tokens: PathToken[] = []
  let i = 1
  while (i < expression.length) {
    const ch = expression[i]
    if (ch === '.') {
      if (expression[i + 1] === '.') {
        tokens.push({ kind: 'descend' })
        i += 2
        if (expression[i] === '[') continue
      } else i++
      let end = i
      while (end < expression.length && expression[end] !== '.' && expression[end] !== '[') end++
      const name = expression.slice(i, end)
      if (name === '') fail(i, 'a field name is missing')
      tokens.push(name === '*' ? { kind: 'any' } : { kind: 'field', name })
      i = end
      continue
    }
    if (ch === '[') {
      const quote = expression[i + 1]
      if (quote === "'" || quote === '"') {
        let j = i + 2
        let name = ''
        while (j < expression.length && expression[j] !== quote) {
          if (expression[j] === '\\' && j + 1 < expression.length) j++
          name += expression[j]
          j++
        }
        if (expression[j] !== quote || expression[j + 1] !== ']')
          fail(j, 'the quoted name is not closed with a quote and ]')
        tokens.push(name === '*' ? { kind: 'any' } : { kind: 'field', name })
        i = j + 2
        continue
      }
      const close = expression.indexOf(']', i)
      if (close < 0) fail(i, '[ is never closed')
      const inside = expression.slice(i + 1, close).trim()
      if (inside === '*') tokens.push({ kind: 'any-index' })
      else if (/^\d+$/.test(inside)) tokens.push({ kind: 'index', index: Number(inside) })
      else fail(i + 1, `[${inside}] is neither an index nor *`)
      i = close + 1
      continue
    }
    fail(i, `expected . or [ but found ${JSON.stringify(ch)}`)
  }
  return tokens
}
