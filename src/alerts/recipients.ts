import type { Contract } from '../model/index.js'

const bareAddress = /^[^\s<>@]+@[^\s<>@]+$/
const namedAddress = /<([^\s<>@]+@[^\s<>@]+)>\s*$/

/**
 * Who gets a contract's alert e-mails: the owner, when `owner` holds an address
 * (`Ann Lee <ann@example.com>` or `ann@example.com`), then `alerts.email`, each address once.
 */
export function listRecipients(contract: Pick<Contract, 'owner' | 'alerts'>): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  const add = (display: string, address: string) => {
    const key = address.toLowerCase()
    if (seen.has(key)) return
    seen.add(key)
    out.push(display)
  }
  const owner = contract.owner.trim()
  const named = namedAddress.exec(owner)
  if (named) add(owner, named[1]!)
  else if (bareAddress.test(owner)) add(owner, owner)
  for (const email of contract.alerts.email) {
    const inner = namedAddress.exec(email)
    add(email, inner ? inner[1]! : email)
  }
  return out
}
