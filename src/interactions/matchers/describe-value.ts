/** The JSON kind of a value, in the words messages use. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array' | 'nothing'

export function kindOf(value: unknown): ValueKind {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  const t = typeof value
  if (t === 'string' || t === 'number' || t === 'boolean') return t
  return 'object'
}

const MAX_TEXT = 60
/** `1e999`: JSON.parse gives Infinity, which JSON.stringify would show as `null`. */
const OVERFLOWED = 'a number beyond double range'

/** A value as it would appear in JSON, cut short: `"Mary"`, `1`, `{"a":1,…}`. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (typeof value === 'number' && !Number.isFinite(value)) return OVERFLOWED
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = String(value)
  }
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text
}

/** What was seen: `the string "1"`, `the number 1`, `null`, `an object`, `an array of 3 items`. */
export function describeActual(value: unknown): string {
  const kind = kindOf(value)
  switch (kind) {
    case 'nothing':
      return 'nothing'
    case 'null':
      return 'null'
    case 'array': {
      const n = (value as unknown[]).length
      return n === 0 ? 'an empty array' : `an array of ${n} item${n === 1 ? '' : 's'}`
    }
    case 'object':
      return Object.keys(value as object).length === 0
        ? 'an empty object'
        : `an object ${showValue(value)}`
    default:
      return typeof value === 'number' && !Number.isFinite(value)
        ? OVERFLOWED
        : `the ${kind} ${showValue(value)}`
  }
}

/** What an example stands for under a type match: `a number (like 1)`, `an object`. */
export function describeKind(value: unknown): string {
  const kind = kindOf(value)
  switch (kind) {
    case 'nothing':
      return 'a value'
    case 'null':
      return 'null'
    case 'array':
      return 'an array'
    case 'object':
      return 'an object'
    default:
      return `a ${kind} (like ${showValue(value)})`
  }
}

/** Number of items, for sizes: `1 item`, `3 items`. */
export function items(n: number): string {
  return `${n} item${n === 1 ? '' : 's'}`
}
