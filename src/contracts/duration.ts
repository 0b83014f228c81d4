const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const
const WHOLE = /^(?:\d+(?:ms|s|m|h|d))+$/
const PART = /(\d+)(ms|s|m|h|d)/g

/**
 * Parses a duration like `24h`, `90m`, `30s`, `7d`, `500ms` or `1h30m` to milliseconds.
 * Returns `undefined` for anything else, and for zero: no window of upcheck may be empty.
 */
export function parseDuration(text: string): number | undefined {
  if (!WHOLE.test(text)) return undefined
  let total = 0
  for (const [, amount, unit] of text.matchAll(PART)) {
    total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS]
  }
  return total > 0 && Number.isSafeInteger(total) ? total : undefined
}
