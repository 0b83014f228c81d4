import { joinJsonPath } from '../interactions/json-path.js'

/**
 * `['items', 2, 'first name']` → `$.items[2]['first name']`. Built only when a mismatch is
 * reported: the walk itself keeps segments, not strings.
 */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = '$'
  for (const s of segments) out = joinJsonPath(out, s)
  return out
}
