import { isObject } from './document-view.js'

/** The `x-sunset` date of a deprecated item, as written, when it has one. */
export function sunsetOf(node: unknown): string | undefined {
  if (!isObject(node)) return undefined
  const value = node['x-sunset']
  if (typeof value === 'string') return value
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return undefined
}

/** Whether a sunset date is still ahead; undefined when unknown (no clock, or not a date). */
export function isBeforeSunset(
  sunset: string | undefined,
  now: Date | undefined,
): boolean | undefined {
  if (sunset === undefined || now === undefined) return undefined
  const time = Date.parse(sunset)
  if (Number.isNaN(time)) return undefined
  return now.getTime() < time
}

const STABILITY = ['draft', 'alpha', 'beta', 'stable']

/** `x-stability-level` as a rank (higher is more stable), or undefined when absent. */
export function stabilityRank(node: unknown): number | undefined {
  if (!isObject(node) || typeof node['x-stability-level'] !== 'string') return undefined
  const rank = STABILITY.indexOf(node['x-stability-level'])
  return rank >= 0 ? rank : undefined
}

/** Draft and alpha operations promise no stability: their breaking changes are capped at warning. */
export function isUnstable(node: unknown): boolean {
  const rank = stabilityRank(node)
  return rank !== undefined && rank <= 1
}
