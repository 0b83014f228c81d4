import type { Finding } from '../model/index.js'

/** Groups findings the way people read them: probe findings by interaction, spec findings by operation. */
export function groupFindings(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>()
  for (const f of findings) {
    const key =
      f.source === 'spec'
        ? `spec: ${f.operation ?? 'document'}`
        : (f.interaction ?? f.operation ?? 'run')
    const list = groups.get(key)
    if (list) list.push(f)
    else groups.set(key, [f])
  }
  return groups
}
