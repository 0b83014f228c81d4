/** `3 minutes ago`, `2 days ago`: how people read a last-verified time. */
export function formatRelativeTime(iso: string, now: number): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000)
  if (seconds < 0) return 'in the future'
  if (seconds < 45) return 'just now'
  const units: [number, string][] = [
    [60, 'minute'],
    [3600, 'hour'],
    [86_400, 'day'],
  ]
  let chosen: [number, string] = units[0]!
  for (const unit of units) if (seconds >= unit[0] * 0.9) chosen = unit
  const count = Math.max(1, Math.round(seconds / chosen[0]))
  return `${count} ${chosen[1]}${count === 1 ? '' : 's'} ago`
}
