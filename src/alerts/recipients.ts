import type { Contract, Handoff } from '../model/index.js'

const bareAddress = /^[^\s<>@]+@[^\s<>@]+$/
const namedAddress = /<([^\s<>@]+@[^\s<>@]+)>\s*$/

/** The e-mail address in `Ann Lee <ann@example.com>` or `ann@example.com`, when there is one. */
export function findAddress(owner: string): string | undefined {
  const trimmed = owner.trim()
  const named = namedAddress.exec(trimmed)
  if (named) return named[1]!
  return bareAddress.test(trimmed) ? trimmed : undefined
}

/**
 * Who gets a contract's alert e-mails: the owner, when `owner` holds an address
 * (`Ann Lee <ann@example.com>` or `ann@example.com`), then, while a handoff is pending, the
 * owner handing it over, then `alerts.email`, each address once.
 */
export function listRecipients(
  contract: Pick<Contract, 'owner' | 'alerts'>,
  handoff?: Pick<Handoff, 'fromOwner'>,
): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  const add = (display: string, address: string | undefined) => {
    if (address === undefined || seen.has(address.toLowerCase())) return
    seen.add(address.toLowerCase())
    out.push(display.trim())
  }
  // An owner without an address is a name only: nobody to mail.
  add(contract.owner, findAddress(contract.owner))
  if (handoff) add(handoff.fromOwner, findAddress(handoff.fromOwner))
  for (const email of contract.alerts.email) add(email, findAddress(email) ?? email)
  return out
}
