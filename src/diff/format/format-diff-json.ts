import type { DiffResult } from '../spec-change.js'

/** The whole result as JSON, the shape `upcheck diff --format json` promises. */
export function formatDiffJson(result: DiffResult): string {
  return `${JSON.stringify(result, null, 2)}\n`
}
