import type { DiffResult } from '../spec-change.js'

/** `2 breaking, 1 warning, 5 info`. */
export function summarizeDiff(result: DiffResult): string {
  const { breaking, warning, info } = result.summary
  return `${breaking} breaking, ${warning} warning${warning === 1 ? '' : 's'}, ${info} info`
}
