import { makeBadge } from 'badge-maker'
import type { ContractPage } from './report-page.js'

/**
 * `reports/badges/<contract>.svg`, shields-style, for the integration's own README:
 * `upcheck | verified 3h ago` in green; red while broken; grey when nothing is known for sure
 * (unreachable, never run, or stale: an old green is no evidence).
 */
export function renderBadge(contract: ContractPage, now: number): string {
  const ago = (iso: string) => formatAge(now - Date.parse(iso))
  const verified = contract.lastVerifiedAt ? `verified ${ago(contract.lastVerifiedAt)}` : undefined
  let message: string
  let color: string
  if (contract.status === 'broken') {
    message = contract.brokenSince
      ? `broken for ${formatAge(now - Date.parse(contract.brokenSince), '')}`
      : 'broken'
    color = 'red'
  } else if (contract.status === 'verified' && !contract.stale) {
    message = verified!
    color = 'brightgreen'
  } else {
    const why =
      contract.status === 'never run'
        ? 'unknown'
        : contract.status === 'unreachable'
          ? 'unreachable'
          : 'stale'
    message = verified ? `${why}, ${verified}` : why === 'unknown' ? why : `${why}, never verified`
    color = 'lightgrey'
  }
  return makeBadge({ label: 'upcheck', message, color })
}

/** `3h ago`, `12m ago`, `2d ago`: a badge has room for one unit. */
function formatAge(ms: number, suffix = ' ago'): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000)
  if (minutes < 1) return suffix ? 'just now' : 'under a minute'
  if (minutes < 60) return `${minutes}m${suffix}`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours}h${suffix}`
  return `${Math.floor(hours / 24)}d${suffix}`
}
